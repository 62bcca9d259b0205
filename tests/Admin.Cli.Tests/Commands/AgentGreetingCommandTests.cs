using LeadDesk.Store;
using LeadDesk.Store.Agents;

namespace Admin.Cli.Tests.Commands;

/// <summary><c>agents greeting</c> and the greeting line of <c>agents show</c>.</summary>
public class AgentGreetingCommandTests
{
    private static readonly byte[] Audio = [0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4];

    private static async Task<CliRun> WithAliceAsync(bool greeting)
    {
        var cli = new CliRun();
        await cli.OkAsync("agents", "add", "alice", "--name", "Alice", "--extension", "1001", "--email", "a@example.com");
        if (greeting)
        {
            // As the controller keeps it after the agent pressed 1.
            await new AgentGreetings(RoutingStore.Open(cli.DbPath)).SaveAsync(
                new AgentGreeting("alice", "greeting-alice", Audio, new DateTimeOffset(2026, 11, 30, 7, 45, 0, TimeSpan.Zero)),
                TestContext.Current.CancellationToken);
        }

        return cli;
    }

    [Fact]
    public async Task Show_says_whether_and_when_a_greeting_was_recorded()
    {
        using var without = await WithAliceAsync(greeting: false);
        var (_, text, _) = await without.RunAsync("agents", "show", "alice");
        Assert.Contains("no (callers hear the default greeting)", text, StringComparison.Ordinal);

        using var with = await WithAliceAsync(greeting: true);
        (_, text, _) = await with.RunAsync("agents", "show", "alice");
        Assert.Contains("recorded 2026-11-30 07:45 UTC", text, StringComparison.Ordinal);
        var json = await with.JsonAsync("agents", "show", "alice");
        Assert.True(json.GetProperty("hasGreeting").GetBoolean());
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 7, 45, 0, TimeSpan.Zero), json.GetProperty("greetingRecordedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Restore_writes_the_stored_copy_under_the_name_Asterisk_plays()
    {
        using var cli = await WithAliceAsync(greeting: true);
        var spool = Directory.CreateDirectory(Path.Combine(cli.Directory, "spool", "recording")).FullName;

        var (code, output, error) = await cli.RunAsync("agents", "greeting", "alice", "--restore", "--to", spool);

        Assert.True(code == 0, error);
        Assert.Equal(Audio, await File.ReadAllBytesAsync(Path.Combine(spool, "greeting-alice.wav"), TestContext.Current.CancellationToken));
        Assert.Equal(["greeting-alice.wav"], Directory.GetFiles(spool).Select(Path.GetFileName));
        Assert.Contains("recording:greeting-alice", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_without_a_greeting_or_a_folder_is_refused_and_writes_nothing()
    {
        using var cli = await WithAliceAsync(greeting: false);
        var spool = Directory.CreateDirectory(Path.Combine(cli.Directory, "spool")).FullName;

        var (code, _, error) = await cli.RunAsync("agents", "greeting", "alice", "--restore", "--to", spool);
        Assert.Equal(1, code);
        Assert.Contains("no recorded greeting", error, StringComparison.Ordinal);

        (code, _, error) = await cli.RunAsync("agents", "greeting", "bob", "--restore", "--to", spool);
        Assert.Equal(1, code);
        Assert.Contains("no agent", error, StringComparison.Ordinal);

        (code, _, error) = await cli.RunAsync("agents", "greeting", "../x", "--restore", "--to", spool);
        Assert.NotEqual(0, code);
        Assert.Empty(Directory.GetFiles(spool));

        using var with = await WithAliceAsync(greeting: true);
        (code, _, error) = await with.RunAsync("agents", "greeting", "alice", "--restore");
        Assert.Equal(2, code);
        Assert.Contains("--to", error, StringComparison.Ordinal);
        (code, _, error) = await with.RunAsync("agents", "greeting", "alice", "--restore", "--to", Path.Combine(cli.Directory, "missing"));
        Assert.Equal(1, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }
}
