using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Admin.Cli.Tests.Commands;

/// <summary><c>routes list</c>: filters, paging, the streamed output and what an empty inventory says.</summary>
public class RoutesListTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<CliRun> SeededAsync()
    {
        var cli = new CliRun();
        await cli.OkAsync("numbers", "add", "+358401234561", "+358401234562", "+358401234563", "+358401234564", "--label", "Sales north");
        await cli.OkAsync("agents", "add", "alice", "--name", "Alice Agent", "--extension", "1001", "--email", "alice@example.com");
        await cli.OkAsync("agents", "add", "bob", "--name", "Bob Builder", "--extension", "1002", "--email", "bob@example.com");
        await cli.OkAsync("queues", "add", "support");
        await cli.OkAsync("routes", "assign", "+358401234561", "+358401234562", "--agent", "alice");
        await cli.OkAsync("routes", "assign", "+358401234563", "--agent", "bob");
        await cli.OkAsync("routes", "queue", "+358401234564", "--queue", "support");
        return cli;
    }

    private static string[] Numbers(JsonElement list) => list.EnumerateArray().Select(e => e.GetProperty("number").GetString()!).ToArray();

    [Fact]
    public async Task Agent_search_and_type_filters_select_rows()
    {
        using var cli = await SeededAsync();
        Assert.Equal(["+358401234561", "+358401234562"], Numbers(await cli.JsonAsync("routes", "list", "--agent", "ALICE")));
        Assert.Equal(["+358401234563"], Numbers(await cli.JsonAsync("routes", "list", "--search", "Builder")));
        Assert.Equal(["+358401234562"], Numbers(await cli.JsonAsync("routes", "list", "--search", "1234562")));
        Assert.Equal(["+358401234564"], Numbers(await cli.JsonAsync("routes", "list", "--type", "Queue")));
        Assert.Equal(["+358401234564"], Numbers(await cli.JsonAsync("routes", "list", "--type", "QUEUE")));
        Assert.Empty(Numbers(await cli.JsonAsync("routes", "list", "--search", "50%_")));
    }

    [Fact]
    public async Task Limit_and_page_walk_the_list_in_number_order()
    {
        using var cli = await SeededAsync();
        Assert.Equal(["+358401234561", "+358401234562"], Numbers(await cli.JsonAsync("routes", "list", "--limit", "2")));
        Assert.Equal(["+358401234563", "+358401234564"], Numbers(await cli.JsonAsync("routes", "list", "--limit", "2", "--page", "2")));

        var (code, output, _) = await cli.RunAsync("routes", "list", "--limit", "2");
        Assert.Equal(0, code);
        Assert.Contains("Rows 1-2 of 4: --page 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_type_is_a_one_line_usage_error_without_tabs()
    {
        using var cli = new CliRun();
        var (code, _, err) = await cli.RunAsync("routes", "list", "--type", "bogus");
        Assert.Equal(2, code);
        Assert.DoesNotContain('\t', err);
        Assert.Contains("--type must be agent, queue, custom or unassigned", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("routes", "list", "--limit", "0")]
    [InlineData("routes", "list", "--limit", "-1")]
    [InlineData("routes", "audit", "--limit", "-1")]
    [InlineData("routes", "audit", "--limit", "0")]
    [InlineData("calls", "list", "--limit", "0")]
    [InlineData("calls", "list", "--limit", "-5")]
    [InlineData("voicemail", "list", "--limit", "0")]
    [InlineData("routes", "list", "--page", "0")]
    public async Task Limits_are_positive_whole_numbers_everywhere(params string[] args)
    {
        using var cli = new CliRun();
        var (code, _, err) = await cli.RunAsync(args);
        Assert.Equal(2, code);
        Assert.StartsWith("usage: --", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "routes", "list" }, "No inbound numbers yet")]
    [InlineData(new[] { "numbers", "list" }, "No numbers yet")]
    [InlineData(new[] { "calls", "list" }, "No calls yet")]
    [InlineData(new[] { "agents", "list" }, "No agents yet")]
    [InlineData(new[] { "queues", "list" }, "No queues yet")]
    [InlineData(new[] { "destinations", "list" }, "No custom destinations yet")]
    [InlineData(new[] { "voicemail", "list" }, "No voicemail yet")]
    [InlineData(new[] { "routes", "audit" }, "No routing changes yet")]
    public async Task Empty_lists_say_so_instead_of_a_bare_header(string[] args, string expected)
    {
        using var cli = new CliRun();
        var (code, output, _) = await cli.RunAsync(args);
        Assert.Equal(0, code);
        Assert.Equal(expected, output.Trim().Split(':')[0].TrimEnd('.'));
    }

    [Fact]
    public async Task Narrow_terminals_never_break_a_number()
    {
        using var cli = new CliRun(new() { ["COLUMNS"] = "60" });
        await cli.OkAsync("numbers", "add", "+358401234561", "--label", "A label long enough to need wrapping in a narrow terminal window");
        foreach (var args in new[] { new[] { "routes", "list" }, ["numbers", "list"] })
        {
            var (code, output, _) = await cli.RunAsync(args);
            Assert.Equal(0, code);
            Assert.Contains("+358401234561", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Listing_never_waits_for_a_writer()
    {
        using var cli = await SeededAsync();
        await using var writer = new SqliteConnection($"Data Source={cli.DbPath};Pooling=False");
        await writer.OpenAsync(Ct);
        await using var lockHolder = writer.CreateCommand();
        lockHolder.CommandText = "BEGIN IMMEDIATE; UPDATE inbound_numbers SET label = 'held' WHERE number = '+358401234561';";
        await lockHolder.ExecuteNonQueryAsync(Ct);

        // The store's busy timeout is 5 s: a read that took the write lock would wait that long and then fail.
        var clock = Stopwatch.StartNew();
        var (code, output, err) = await cli.RunAsync("routes", "list", "--json");
        Assert.True(code == 0, err);
        Assert.Equal(4, JsonDocument.Parse(output).RootElement.GetArrayLength());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"listing took {clock.Elapsed}");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_read_only_database_can_be_listed()
    {
        using var cli = await SeededAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.SetUnixFileMode(cli.DbPath, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        try
        {
            try
            {
                using var probe = new FileStream(cli.DbPath, FileMode.Open, FileAccess.ReadWrite);
                Assert.Skip("running as root: file permissions do not make the database read-only here");
            }
            catch (UnauthorizedAccessException)
            {
                // Read-only for this user, as for an admin reading the controller's file.
            }

            var (code, output, err) = await cli.RunAsync("routes", "list", "--json");
            Assert.True(code == 0, err);
            Assert.Equal(4, JsonDocument.Parse(output).RootElement.GetArrayLength());
        }
        finally
        {
            File.SetUnixFileMode(cli.DbPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>The measurement of issue 22: 100,000 numbers listed as text stream in bounded memory.</summary>
    [Fact]
    public async Task A_hundred_thousand_numbers_list_without_holding_them_all()
    {
        using var cli = new CliRun();
        var csv = new StringBuilder("number\n");
        for (var i = 0; i < 100_000; i++)
        {
            csv.Append("+35840").Append((1_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        var file = Path.Combine(cli.Directory, "many.csv");
        await File.WriteAllTextAsync(file, csv.ToString(), Ct);
        await cli.OkAsync("numbers", "import", file);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var (code, output, err) = await cli.RunAsync("routes", "list");
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(code == 0, err);
        Assert.Equal(100_002, output.Count(c => c == '\n'));
        TestContext.Current.SendDiagnosticMessage($"routes list, 100,000 numbers: {clock.ElapsedMilliseconds} ms, {allocated / 1_000_000} MB allocated (output {output.Length / 1_000_000} MB)");
    }
}
