namespace Admin.Cli.Tests.Commands;

public class RoutesCommandTests
{
    private static async Task<CliRun> SeededAsync()
    {
        var cli = new CliRun();
        await cli.OkAsync("numbers", "add", "+358401234567", "0401234568", "358401234569", "--label", "Sales line");
        await cli.OkAsync("agents", "add", "alice", "--name", "Alice A", "--extension", "1001", "--email", "alice@example.com");
        await cli.OkAsync("queues", "add", "sales");
        return cli;
    }

    [Fact]
    public async Task Routes_list_json_has_the_contract_fields()
    {
        using var cli = await SeededAsync();
        await cli.OkAsync("routes", "assign", "0401234567", "--agent", "alice");
        await cli.OkAsync("routes", "queue", "+358401234568", "--queue", "sales");

        var routes = await cli.JsonAsync("routes", "list");

        Assert.Equal(3, routes.GetArrayLength());
        var first = routes[0];
        Assert.Equal("+358401234567", first.GetProperty("number").GetString());
        Assert.Equal("agent", first.GetProperty("destinationType").GetString());
        Assert.Equal("alice", first.GetProperty("destinationUser").GetString());
        Assert.True(first.GetProperty("owned").GetBoolean());
        Assert.Equal("Sales line", first.GetProperty("label").GetString());
        Assert.Equal("queue", routes[1].GetProperty("destinationType").GetString());
        Assert.Equal("sales", routes[1].GetProperty("destination").GetString());
        Assert.Equal("unassigned", routes[2].GetProperty("destinationType").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, routes[2].GetProperty("destinationUser").ValueKind);

        var queueOnly = await cli.JsonAsync("routes", "list", "--type", "queue");
        Assert.Equal(1, queueOnly.GetArrayLength());
    }

    [Fact]
    public async Task Routes_list_table_has_the_admin_columns()
    {
        using var cli = await SeededAsync();
        await cli.OkAsync("routes", "assign", "+358401234567", "--agent", "alice");
        var (code, output, _) = await cli.RunAsync("routes", "list");
        Assert.Equal(0, code);
        foreach (var column in new[] { "Inbound number", "Destination user", "Destination", "Destination type", "+358401234567", "alice", "Agent", "Not assigned" })
        {
            Assert.Contains(column, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_bad_number_in_a_batch_exits_1_names_it_and_changes_nothing()
    {
        using var cli = await SeededAsync();
        var before = await cli.RoutesJsonAsync();

        var (code, output, err) = await cli.RunAsync("routes", "assign", "+358401234567", "'; DROP TABLE inbound_numbers;--", "--agent", "alice");

        Assert.Equal(1, code);
        Assert.Contains("DROP TABLE", err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.Equal(before, await cli.RoutesJsonAsync());
    }

    [Fact]
    public async Task A_file_batch_names_the_bad_line_and_changes_nothing()
    {
        using var cli = await SeededAsync();
        var file = Path.Combine(cli.Directory, "numbers.txt");
        await File.WriteAllTextAsync(file, "# callbacks for alice\n+358401234567\n\n0401234568\n0401234599\n", TestContext.Current.CancellationToken);
        var before = await cli.RoutesJsonAsync();

        var (code, _, err) = await cli.RunAsync("routes", "assign", "--file", file, "--agent", "alice");

        Assert.Equal(1, code);
        Assert.Contains("line 5", err, StringComparison.Ordinal);
        Assert.Equal(before, await cli.RoutesJsonAsync());

        await File.WriteAllTextAsync(file, "# callbacks for alice\n+358401234567\n\n0401234568\n", TestContext.Current.CancellationToken);
        await cli.OkAsync("routes", "assign", "--file", file, "--agent", "alice");
        Assert.Equal(2, (await cli.JsonAsync("routes", "list", "--type", "agent")).GetArrayLength());
    }

    [Fact]
    public async Task A_queue_number_cannot_be_given_to_an_agent()
    {
        using var cli = await SeededAsync();
        await cli.OkAsync("routes", "queue", "+358401234567", "--queue", "sales");
        var before = await cli.RoutesJsonAsync();

        var (code, _, err) = await cli.RunAsync("routes", "assign", "+358401234567", "--agent", "alice");

        Assert.Equal(1, code);
        Assert.Contains("sales", err, StringComparison.Ordinal);
        Assert.Equal(before, await cli.RoutesJsonAsync());
    }

    [Fact]
    public async Task A_not_owned_number_cannot_be_routed()
    {
        using var cli = await SeededAsync();
        await cli.OkAsync("numbers", "add", "+358401234570", "--not-owned");
        var (code, _, err) = await cli.RunAsync("routes", "assign", "+358401234570", "--agent", "alice");
        Assert.Equal(1, code);
        Assert.Contains("not owned", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_are_audited()
    {
        using var cli = await SeededAsync();
        await cli.OkAsync("routes", "assign", "+358401234567", "--agent", "alice");
        await cli.OkAsync("routes", "unassign", "+358401234567");
        var audit = await cli.JsonAsync("routes", "audit", "--number", "+358401234567");
        Assert.Equal(2, audit.GetArrayLength());
        Assert.Equal("agent:alice", audit[0].GetProperty("oldDestination").GetString());
        Assert.Equal("unassigned", audit[0].GetProperty("newDestination").GetString());
        Assert.Contains("routes unassign", audit[0].GetProperty("actor").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_errors_exit_2()
    {
        using var cli = new CliRun();
        Assert.Equal(2, (await cli.RunAsync("routes", "assign", "+358401234567")).Code);
        Assert.Equal(2, (await cli.RunAsync("routes", "frobnicate")).Code);
        Assert.Equal(2, (await cli.RunAsync("routes", "assign", "--agent", "alice")).Code);
        Assert.Equal(2, (await cli.RunAsync("routes", "list", "--type", "teapot")).Code);
        Assert.False(File.Exists(cli.DbPath));
    }

    [Fact]
    public async Task A_store_that_cannot_be_opened_exits_3()
    {
        using var cli = new CliRun();
        var blocker = Path.Combine(cli.Directory, "not-a-dir");
        await File.WriteAllTextAsync(blocker, "x", TestContext.Current.CancellationToken);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await LeadDesk.Admin.Cli.CliApp.RunAsync(
            ["routes", "list", "--db", Path.Combine(blocker, "leaddesk.db")], stdout, stderr, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());

        Assert.Equal(3, code);
        Assert.Single(stderr.ToString().Trim().Split('\n'));
    }

    [Fact]
    public async Task Verbose_prints_the_absolute_database_path()
    {
        using var cli = new CliRun();
        var (code, _, err) = await cli.RunAsync("routes", "list", "--verbose");
        Assert.Equal(0, code);
        Assert.Contains(cli.DbPath, err, StringComparison.Ordinal);
    }
}
