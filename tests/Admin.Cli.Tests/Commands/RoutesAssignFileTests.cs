namespace Admin.Cli.Tests.Commands;

/// <summary><c>routes assign --file</c>: one-column and number,agent files, headers, all or nothing.</summary>
public class RoutesAssignFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<CliRun> SeededAsync()
    {
        var cli = new CliRun();
        await cli.OkAsync("numbers", "add", "+358401234561", "+358401234562", "+358401234563");
        await cli.OkAsync("agents", "add", "alice", "--name", "Alice", "--extension", "1001", "--email", "alice@example.com");
        await cli.OkAsync("agents", "add", "bob", "--name", "Bob", "--extension", "1002", "--email", "bob@example.com");
        return cli;
    }

    private static async Task<string> FileAsync(CliRun cli, string text)
    {
        var path = Path.Combine(cli.Directory, Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllTextAsync(path, text, Ct);
        return path;
    }

    private static async Task<Dictionary<string, string?>> RoutesAsync(CliRun cli) =>
        (await cli.JsonAsync("routes", "list")).EnumerateArray()
            .ToDictionary(e => e.GetProperty("number").GetString()!, e => e.GetProperty("destinationUser").GetString());

    [Fact]
    public async Task A_header_line_number_is_accepted()
    {
        using var cli = await SeededAsync();
        var file = await FileAsync(cli, "number\n+358401234561\n0401234562\n");
        await cli.OkAsync("routes", "assign", "--file", file, "--agent", "alice");
        var routes = await RoutesAsync(cli);
        Assert.Equal("alice", routes["+358401234561"]);
        Assert.Equal("alice", routes["+358401234562"]);
    }

    [Fact]
    public async Task A_number_agent_file_assigns_each_number_to_its_agent()
    {
        using var cli = await SeededAsync();
        var file = await FileAsync(cli, "number,agent\n+358401234561,alice\n# the callback line\n+358401234562,BOB\n+358401234563, bob\n");
        var (code, output, err) = await cli.RunAsync("routes", "assign", "--file", file);
        Assert.True(code == 0, err);
        Assert.Contains("3 number(s) now go to 2 agents", output, StringComparison.Ordinal);
        var routes = await RoutesAsync(cli);
        Assert.Equal("alice", routes["+358401234561"]);
        Assert.Equal("bob", routes["+358401234562"]);
        Assert.Equal("bob", routes["+358401234563"]);
    }

    [Theory]
    [InlineData("+358401234561,alice\n+358401234562,carol\n", "Line 2: there is no agent 'carol'")]
    [InlineData("+358401234561,alice\n+358401234562\n", "Line 2: expected number,agent")]
    [InlineData("+358401234561,alice\nnot-a-number,bob\n", "Line 2")]
    [InlineData("+358401234561,alice\n+358401234562,b@d\n", "Line 2")]
    [InlineData("+358401234561,alice\n+358401234561,bob\n", "line 2")]
    public async Task A_bad_line_refuses_the_whole_file_naming_it(string text, string expected)
    {
        using var cli = await SeededAsync();
        var file = await FileAsync(cli, text);
        var (code, _, err) = await cli.RunAsync("routes", "assign", "--file", file);
        Assert.Equal(1, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.All((await RoutesAsync(cli)).Values, Assert.Null);
    }

    [Fact]
    public async Task Agent_option_and_file_shape_must_agree()
    {
        using var cli = await SeededAsync();
        var map = await FileAsync(cli, "+358401234561,alice\n");
        var numbers = await FileAsync(cli, "+358401234561\n");
        Assert.Equal(2, (await cli.RunAsync("routes", "assign", "--file", map, "--agent", "bob")).Code);
        Assert.Equal(2, (await cli.RunAsync("routes", "assign", "--file", numbers)).Code);
        Assert.Equal(2, (await cli.RunAsync("routes", "assign", "+358401234561")).Code);
    }

    [Fact]
    public async Task A_directory_given_as_a_file_is_named_a_directory()
    {
        using var cli = await SeededAsync();
        var (code, _, err) = await cli.RunAsync("routes", "assign", "--file", cli.Directory, "--agent", "alice");
        Assert.Equal(1, code);
        Assert.Contains("is a directory", err, StringComparison.Ordinal);

        (code, _, err) = await cli.RunAsync("numbers", "import", cli.Directory);
        Assert.Equal(1, code);
        Assert.Contains("is a directory", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assigning_what_is_already_so_says_nothing_changed()
    {
        using var cli = await SeededAsync();
        await cli.OkAsync("routes", "assign", "+358401234561", "--agent", "alice");
        var (code, output, _) = await cli.RunAsync("routes", "assign", "+358401234561", "--agent", "alice");
        Assert.Equal(0, code);
        Assert.StartsWith("Nothing changed", output, StringComparison.Ordinal);
    }
}
