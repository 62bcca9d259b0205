namespace Admin.Cli.Tests.Commands;

public class AgentsCommandTests
{
    [Fact]
    public async Task Agent_lifecycle_with_voicemail_and_caller_id()
    {
        using var cli = new CliRun();
        await cli.OkAsync("numbers", "add", "+358401234567");
        await cli.OkAsync("agents", "add", "alice", "--name", "Alice", "--extension", "1001", "--email", "a@example.com", "--email", "b@example.com");

        // Caller ID that does not route back: warning on stderr, exit 0.
        var (code, _, err) = await cli.RunAsync("agents", "set", "alice", "--outbound-cid", "+358401234567");
        Assert.Equal(0, code);
        Assert.Contains("warning", err, StringComparison.Ordinal);

        await cli.OkAsync("agents", "set", "alice", "--unreachable", "voicemail:b@example.com");
        var before = await cli.JsonAsync("agents", "show", "alice");

        (code, _, err) = await cli.RunAsync("agents", "set", "alice", "--email", "a@example.com");
        Assert.Equal(1, code);
        Assert.Contains("b@example.com", err, StringComparison.Ordinal);
        (code, _, _) = await cli.RunAsync("agents", "set", "alice", "--unreachable", "voicemail:c@example.com");
        Assert.Equal(1, code);
        Assert.Equal(before.ToString(), (await cli.JsonAsync("agents", "show", "alice")).ToString());

        await cli.OkAsync("agents", "login", "alice");
        var shown = await cli.JsonAsync("agents", "show", "alice");
        Assert.True(shown.GetProperty("loggedIn").GetBoolean());
        Assert.Equal("voicemail:b@example.com", shown.GetProperty("unreachable").GetString());
        Assert.Equal("+358401234567", shown.GetProperty("outboundCid").GetString());
    }

    [Fact]
    public async Task An_agent_with_routes_cannot_be_removed()
    {
        using var cli = new CliRun();
        await cli.OkAsync("numbers", "add", "+358401234567");
        await cli.OkAsync("agents", "add", "alice", "--name", "Alice", "--extension", "1001", "--email", "a@example.com");
        await cli.OkAsync("routes", "assign", "+358401234567", "--agent", "alice");

        var (code, _, err) = await cli.RunAsync("agents", "remove", "alice");

        Assert.Equal(1, code);
        Assert.Contains("+358401234567", err, StringComparison.Ordinal);
        Assert.Equal(1, (await cli.JsonAsync("agents", "list")).GetArrayLength());
    }

    [Fact]
    public async Task Extension_must_be_digits()
    {
        using var cli = new CliRun();
        var (code, _, _) = await cli.RunAsync("agents", "add", "alice", "--name", "Alice", "--extension", "1001&Local/x", "--email", "a@example.com");
        Assert.Equal(1, code);
    }
}
