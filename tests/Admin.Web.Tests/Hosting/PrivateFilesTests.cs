using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store;
using Microsoft.Data.Sqlite;

namespace Admin.Web.Tests.Hosting;

/// <summary>The database (password hashes, recordings) and the key ring that signs sessions are the owner's only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class PrivateFilesTests
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    public async Task A_new_database_its_wal_and_shm_and_the_key_ring_are_created_for_the_owner_only()
    {
        SkipOnWindows();
        var root = Directory.CreateTempSubdirectory("leaddesk-private-").FullName;
        try
        {
            var db = Path.Combine(root, "data", "leaddesk.db");
            await using (var web = await WebHarness.StartAsync($"--Database:Path={db}"))
            {
                await web.AddUserAsync("root", LeadDesk.Store.Users.UserRole.Admin);
                using var client = await web.SignedInAsync("root");

                Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(Path.Combine(root, "data")));
                foreach (var file in PrivateFiles.SqliteFiles(db))
                {
                    Assert.True(File.Exists(file), file + " should exist while the web admin runs");
                    Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file) & ~UnixFileMode.UserExecute);
                }

                var keys = Path.Combine(root, "data", "web-keys");
                Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(keys));
                var keyFiles = Directory.GetFiles(keys);
                Assert.NotEmpty(keyFiles);
                Assert.All(keyFiles, k => Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(k) & GroupOrOther));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task An_existing_database_readable_by_others_is_tightened_when_opened_and_said_in_one_line()
    {
        SkipOnWindows();
        var root = Directory.CreateTempSubdirectory("leaddesk-private-").FullName;
        try
        {
            var db = Path.Combine(root, "leaddesk.db");
            RoutingStore.Open(db);
            SqliteConnection.ClearAllPools();
            File.SetUnixFileMode(db, PrivateFiles.FileMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

            await using var web = await WebHarness.StartAsync($"--Database:Path={db}");

            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(db));
            var said = web.Log.Lines.Where(l => l.Contains("readable by its owner only", StringComparison.Ordinal)).ToList();
            Assert.Single(said);
            Assert.Contains(db, said[0], StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static void SkipOnWindows()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes do not exist on Windows");
        }
    }
}
