using Microsoft.Data.Sqlite;

namespace RouteController.Tests.Support;

/// <summary>A real SQLite file path in its own temp folder, deleted afterwards (the store creates the file).</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("leaddesk-db-").FullName;

    public string Path => System.IO.Path.Combine(_directory, "leaddesk.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the WAL a moment longer; the temp folder is the OS's to clean then.
        }
    }
}
