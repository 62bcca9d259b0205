using LeadDesk.Store;
using LeadDesk.Store.Voicemail;

namespace Admin.Cli.Tests.Commands;

public class VoicemailCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static VoicemailMessage Message(string caller) => new(
        "alice", "Alice", "alice@example.com", caller, "Carrier", "+358401234567",
        new DateTimeOffset(2026, 11, 23, 20, 8, 41, TimeSpan.Zero), TimeSpan.FromMilliseconds(5670), [1, 2, 3], "call-1");

    [Fact]
    public async Task List_shows_state_attempts_error_caller_agent_and_time()
    {
        using var cli = new CliRun();
        var outbox = new VoicemailOutbox(RoutingStore.Open(cli.DbPath));
        var sent = await outbox.EnqueueAsync(Message("+358451112233"), Ct);
        var failed = await outbox.EnqueueAsync(Message("+358501112222"), Ct);
        await outbox.MarkSentAsync(sent.Id, Ct);
        await outbox.MarkFailedAsync(failed.Id, "550 5.1.1 No such user here", Ct);

        var list = await cli.JsonAsync("voicemail", "list");

        Assert.Equal(2, list.GetArrayLength());
        Assert.Equal(failed.Id, list[0].GetProperty("id").GetInt64());
        Assert.Equal("failed", list[0].GetProperty("state").GetString());
        Assert.Equal(1, list[0].GetProperty("attempts").GetInt32());
        Assert.Equal("550 5.1.1 No such user here", list[0].GetProperty("lastError").GetString());
        Assert.Equal("+358501112222", list[0].GetProperty("caller").GetString());
        Assert.Equal("alice", list[0].GetProperty("agent").GetString());
        Assert.Equal(5670, list[0].GetProperty("durationMs").GetInt64());
        Assert.Equal("sent", list[1].GetProperty("state").GetString());

        var (code, text, _) = await cli.RunAsync("voicemail", "list");
        Assert.Equal(0, code);
        Assert.Contains("550 5.1.1 No such user here", text, StringComparison.Ordinal);
        Assert.Contains("2026-11-23 20:08:41Z", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resend_queues_a_failed_message_again_and_refuses_an_unknown_id()
    {
        using var cli = new CliRun();
        var outbox = new VoicemailOutbox(RoutingStore.Open(cli.DbPath));
        var failed = await outbox.EnqueueAsync(Message("+358501112222"), Ct);
        await outbox.MarkFailedAsync(failed.Id, "550 no", Ct);

        await cli.OkAsync("voicemail", "resend", failed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var entry = Assert.Single(await outbox.ListAsync(cancellationToken: Ct));
        Assert.Equal(VoicemailState.Pending, entry.State);
        Assert.Equal(0, entry.Attempts);
        Assert.Equal(1, (await cli.RunAsync("voicemail", "resend", "999")).Code);
        Assert.Equal(2, (await cli.RunAsync("voicemail", "resend", "abc")).Code);
        Assert.Equal(2, (await cli.RunAsync("voicemail", "resend")).Code);
    }
}
