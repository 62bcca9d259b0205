namespace Admin.Cli.Tests.Commands;

/// <summary>Queue membership lives in the store: members, add-member, remove-member, import-members.</summary>
public class QueueMembersCommandTests
{
    private static async Task<CliRun> SiteAsync()
    {
        var cli = new CliRun();
        await cli.OkAsync("queues", "add", "support");
        await cli.OkAsync("agents", "add", "alice", "--name", "Alice Agent", "--extension", "1001", "--email", "alice@example.com");
        await cli.OkAsync("agents", "add", "bob", "--name", "Bob Agent", "--extension", "1002", "--email", "bob@example.com");
        return cli;
    }

    [Fact]
    public async Task An_admin_adds_and_removes_members_and_lists_them_by_penalty()
    {
        using var cli = await SiteAsync();

        var (code, output, _) = await cli.RunAsync("queues", "add-member", "support", "bob", "--penalty", "2");
        await cli.OkAsync("queues", "add-member", "support", "alice");

        Assert.Equal(0, code);
        Assert.Equal("Agent 'bob' (1002) now answers queue 'support' (penalty 2).", output.Trim());
        var members = await cli.JsonAsync("queues", "members", "support");
        Assert.Equal(["alice", "bob"], members.EnumerateArray().Select(m => m.GetProperty("agent").GetString()));
        Assert.Equal("1002", members[1].GetProperty("extension").GetString());

        await cli.OkAsync("queues", "remove-member", "support", "alice");
        Assert.Equal(1, (await cli.JsonAsync("queues", "members", "support")).GetArrayLength());
    }

    [Theory]
    [InlineData("support", "nobody", "There is no agent 'nobody'.")]
    [InlineData("nosuch", "alice", "There is no queue 'nosuch'.")]
    public async Task An_unknown_agent_or_queue_is_refused(string queue, string agent, string message)
    {
        using var cli = await SiteAsync();

        var (code, _, err) = await cli.RunAsync("queues", "add-member", queue, agent);

        Assert.Equal(1, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.JsonAsync("queues", "members", "support")).GetArrayLength());
    }

    [Fact]
    public async Task The_members_of_an_existing_queues_conf_are_imported_once_all_or_nothing()
    {
        using var cli = await SiteAsync();
        var conf = Path.Combine(cli.Directory, "queues.conf");
        await File.WriteAllTextAsync(conf, """
            [general]
            persistentmembers = yes
            [support](leaddesk-queue)
            member => PJSIP/1001,0,Agent 1001
            member => PJSIP/1002@proxy,3,Agent 1002 ; through the proxy
            """, TestContext.Current.CancellationToken);
        var bad = Path.Combine(cli.Directory, "bad.conf");
        await File.WriteAllTextAsync(bad, "[support]\nmember => PJSIP/1001\nmember => PJSIP/1999\n", TestContext.Current.CancellationToken);

        var (badCode, _, badErr) = await cli.RunAsync("queues", "import-members", bad);
        Assert.Equal(1, badCode);
        Assert.Contains("Nothing was imported: no agent has extension 1999", badErr, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.JsonAsync("queues", "members", "support")).GetArrayLength());

        var (code, output, _) = await cli.RunAsync("queues", "import-members", conf);
        Assert.Equal(0, code);
        Assert.StartsWith("Imported 2 queue memberships.", output.Trim(), StringComparison.Ordinal);
        var members = await cli.JsonAsync("queues", "members", "support");
        Assert.Equal([("alice", 0), ("bob", 3)], members.EnumerateArray().Select(m => (m.GetProperty("agent").GetString(), m.GetProperty("penalty").GetInt32())));
    }
}
