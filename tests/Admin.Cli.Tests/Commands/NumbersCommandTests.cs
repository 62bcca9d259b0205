namespace Admin.Cli.Tests.Commands;

public class NumbersCommandTests
{
    [Fact]
    public async Task Import_reads_quoted_csv()
    {
        using var cli = new CliRun();
        var file = Path.Combine(cli.Directory, "n.csv");
        await File.WriteAllTextAsync(file, "number,label,owned\n+358401234567,\"Sales, north\",yes\n0401234568,,no\n", TestContext.Current.CancellationToken);

        await cli.OkAsync("numbers", "import", file);

        var numbers = await cli.JsonAsync("numbers", "list");
        Assert.Equal("Sales, north", numbers[0].GetProperty("label").GetString());
        Assert.False(numbers[1].GetProperty("owned").GetBoolean());
    }

    [Fact]
    public async Task Broken_quoting_is_refused_naming_the_line_and_imports_nothing()
    {
        using var cli = new CliRun();
        var file = Path.Combine(cli.Directory, "n.csv");
        await File.WriteAllTextAsync(file, "number,label,owned\n+358401234567,ok,yes\n0401234568,\"broken,no\n", TestContext.Current.CancellationToken);

        var (code, _, err) = await cli.RunAsync("numbers", "import", file);

        Assert.Equal(1, code);
        Assert.Contains("Line 3", err, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.JsonAsync("numbers", "list")).GetArrayLength());
    }

    [Fact]
    public async Task A_routed_number_cannot_be_removed()
    {
        using var cli = new CliRun();
        await cli.OkAsync("numbers", "add", "+358401234567");
        await cli.OkAsync("agents", "add", "alice", "--name", "Alice", "--extension", "1001", "--email", "a@example.com");
        await cli.OkAsync("routes", "assign", "+358401234567", "--agent", "alice");

        var (code, _, err) = await cli.RunAsync("numbers", "remove", "+358401234567");

        Assert.Equal(1, code);
        Assert.Contains("unassign", err, StringComparison.Ordinal);
        Assert.Equal(1, (await cli.JsonAsync("numbers", "list")).GetArrayLength());
    }

    [Fact]
    public async Task Hostile_arguments_are_refused_cleanly()
    {
        using var cli = new CliRun();
        foreach (var hostile in new[] { new string('9', 10_240), "040\u0007123", "1; DELETE FROM agents" })
        {
            var (code, _, err) = await cli.RunAsync("numbers", "add", hostile);
            Assert.Equal(1, code);
            Assert.True(err.Length < 400, err);
        }

        var (labelCode, _, _) = await cli.RunAsync("numbers", "add", "+358401234567", "--label", new string('x', 10_240));
        Assert.Equal(1, labelCode);
        Assert.Equal(0, (await cli.JsonAsync("numbers", "list")).GetArrayLength());
    }
}
