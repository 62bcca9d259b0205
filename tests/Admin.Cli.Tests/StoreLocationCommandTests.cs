using Microsoft.Data.Sqlite;

namespace Admin.Cli.Tests;

/// <summary>Which database the CLI opens without <c>--db</c>, and which files it refuses to treat as one.</summary>
public class StoreLocationCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_db_the_CLI_uses_the_data_home_file_from_any_directory()
    {
        using var cli = new CliRun();
        var dataHome = Path.Combine(cli.Directory, "xdg");
        using var run = new CliRun(new() { ["XDG_DATA_HOME"] = dataHome });
        var (code, _, err) = await run.RunWithoutDbAsync("numbers", "add", "+358401234567", "--verbose");
        Assert.True(code == 0, err);

        var expected = Path.Combine(dataHome, "leaddesk", "leaddesk.db");
        Assert.Contains($"database: {expected} (default)", err, StringComparison.Ordinal);
        Assert.True(File.Exists(expected));

        // The working directory plays no part: the same file, seen from elsewhere.
        var previous = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = cli.Directory;
            var (_, output, _) = await run.RunWithoutDbAsync("numbers", "list", "--json");
            Assert.Contains("+358401234567", output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public async Task Database_Path_setting_names_the_file_and_is_created_on_first_use()
    {
        using var cli = new CliRun();
        var path = Path.Combine(cli.Directory, "explicit", "routes.db");
        using var run = new CliRun(new() { ["Database:Path"] = path });
        var (code, _, err) = await run.RunWithoutDbAsync("routes", "list", "--verbose");
        Assert.Equal(0, code);
        Assert.Contains($"database: {path} (Database:Path)", err, StringComparison.Ordinal);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task Another_programs_sqlite_file_is_refused_and_left_untouched()
    {
        using var cli = new CliRun();
        var path = Path.Combine(cli.Directory, "firefox.sqlite");
        await using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await c.OpenAsync(Ct);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)";
            await cmd.ExecuteNonQueryAsync(Ct);
        }

        var before = await File.ReadAllBytesAsync(path, Ct);
        var (code, _, err) = await cli.RunWithoutDbAsync("routes", "list", "--db", path);
        Assert.Equal(3, code);
        Assert.Contains("another program's SQLite database (tables moz_places)", err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Equal(before, await File.ReadAllBytesAsync(path, Ct));
    }

    [Theory]
    [InlineData("directory", "is a directory, not a database file")]
    [InlineData("text", "is not a SQLite database")]
    public async Task A_db_that_is_not_a_database_file_is_named(string kind, string expected)
    {
        using var cli = new CliRun();
        var path = Path.Combine(cli.Directory, "thing");
        if (kind == "directory")
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            await File.WriteAllTextAsync(path, "hello, not a database", Ct);
        }

        var (code, _, err) = await cli.RunWithoutDbAsync("routes", "list", "--db", path);
        Assert.Equal(3, code);
        Assert.Contains($"--db '{path}' {expected}", err, StringComparison.Ordinal);
    }
}
