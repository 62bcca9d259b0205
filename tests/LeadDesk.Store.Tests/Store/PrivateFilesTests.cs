using LeadDesk.Store;
using Microsoft.Data.Sqlite;

namespace LeadDesk.Store.Tests.Store;

/// <summary>Whichever program opens the store first (CLI, controller, web admin), the files are the owner's only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class PrivateFilesTests
{
    [Fact]
    public void Opening_a_new_store_creates_its_directory_0700_and_the_database_wal_and_shm_0600()
    {
        var root = Directory.CreateTempSubdirectory("leaddesk-private-").FullName;
        try
        {
            var db = Path.Combine(root, "a", "b", "leaddesk.db");
            var store = RoutingStore.Open(db);

            Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(Path.Combine(root, "a")));
            Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(Path.Combine(root, "a", "b")));
            using (var connection = new SqliteConnection($"Data Source={db}"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM inbound_numbers";
                command.ExecuteScalar();
                foreach (var file in PrivateFiles.SqliteFiles(db))
                {
                    Assert.True(File.Exists(file), file);
                    Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file));
                }
            }

            Assert.Empty(store.TightenedFiles);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void An_existing_database_readable_by_others_is_tightened_and_named()
    {
        var root = Directory.CreateTempSubdirectory("leaddesk-private-").FullName;
        try
        {
            var db = Path.Combine(root, "leaddesk.db");
            RoutingStore.Open(db);
            SqliteConnection.ClearAllPools();
            File.SetUnixFileMode(db, PrivateFiles.FileMode | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead);

            var store = RoutingStore.Open(db);

            // The -wal and -shm SQLite made beside it while checking the file took its loose mode: all three are tightened.
            Assert.All(PrivateFiles.SqliteFiles(db).Where(File.Exists), f => Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(f)));
            Assert.Contains(db, store.TightenedFiles);
            Assert.Contains(db, store.TightenedNotice, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }
}
