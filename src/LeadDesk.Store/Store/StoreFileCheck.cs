using Microsoft.Data.Sqlite;

namespace LeadDesk.Store;

/// <summary>
/// Whether a path can be LeadDesk's database: not a directory, and if a file is there, a SQLite file of ours (or
/// an empty new one). Checked before anything is written, so another program's database is never given our tables.
/// </summary>
public static class StoreFileCheck
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    /// <summary>Null when <paramref name="path"/> is usable; otherwise what is wrong, e.g. <c>is a directory, not a database file</c>.</summary>
    public static string? Problem(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            return "is a directory, not a database file";
        }

        if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) is { Length: > 0 } parent && File.Exists(parent))
        {
            return $"cannot be created: {parent} is a file, not a directory";
        }

        if (!File.Exists(path))
        {
            return null;
        }

        var header = new byte[SqliteHeader.Length];
        int read;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "cannot be read: " + e.Message;
        }

        if (read == 0)
        {
            // SQLite treats an empty file as a new database; so do we.
            return null;
        }

        if (read < header.Length || !header.AsSpan().SequenceEqual(SqliteHeader))
        {
            return "is not a SQLite database";
        }

        return ForeignSchema(path);
    }

    // Ours: user_version 0 with no tables yet (new), or user_version > 0 with our inventory table.
    private static string? ForeignSchema(string path)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var version = connection.CreateCommand();
            version.CommandText = "PRAGMA user_version";
            var schemaVersion = Convert.ToInt64(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            using var tables = connection.CreateCommand();
            tables.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";
            var names = new List<string>();
            using (var reader = tables.ExecuteReader())
            {
                while (reader.Read())
                {
                    names.Add(reader.GetString(0));
                }
            }

            if (names.Count == 0 || (schemaVersion > 0 && names.Contains("inbound_numbers")))
            {
                return null;
            }

            var shown = string.Join(", ", names.Take(5)) + (names.Count > 5 ? ", ..." : "");
            return $"is another program's SQLite database (tables {shown}), not LeadDesk's";
        }
        catch (SqliteException e)
        {
            return "is not a usable SQLite database: " + e.Message.ReplaceLineEndings(" ");
        }
    }
}
