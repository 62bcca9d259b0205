using Dapper;
using LeadDesk.Store;
using Microsoft.Data.Sqlite;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Voicemail;

namespace LeadDesk.Store.Tests.Voicemail;

public abstract class VoicemailOutboxTests(StoreProvider provider) : StoreTest(provider)
{
    public sealed class OnSqlite() : VoicemailOutboxTests(StoreProvider.Sqlite);

    public sealed class OnPostgres() : VoicemailOutboxTests(StoreProvider.Postgres);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static VoicemailMessage Message(string caller = "+358451112233") => new(
        "alice", "Alice Agent", "alice@example.com", caller, "Carrier 358451112233", "+358401234567",
        new DateTimeOffset(2026, 11, 23, 20, 8, 41, TimeSpan.Zero), TimeSpan.FromMilliseconds(5670), [1, 2, 3], "1795464574.43");

    [Fact]
    public async Task An_enqueued_message_is_due_at_once_with_its_facts_and_a_stable_message_id()
    {
        using var temp = NewStore();
        var outbox = new VoicemailOutbox(temp.Store);

        var queued = await outbox.EnqueueAsync(Message(), Ct);
        var due = Assert.Single(await outbox.TakeDueAsync(DateTimeOffset.UtcNow.AddSeconds(1), 10, Ct));

        Assert.Equal(queued.Id, due.Id);
        Assert.Matches("^<vm-[0-9a-f]{32}@leaddesk>$", due.MessageId);
        Assert.Equal(queued.MessageId, due.MessageId);
        Assert.Equal(VoicemailState.Pending, due.State);
        Assert.Equal(Message() with { Wav = due.Message.Wav }, due.Message);
        Assert.Equal(new byte[] { 1, 2, 3 }, due.Message.Wav);
    }

    [Fact]
    public async Task A_retry_waits_until_its_time_and_keeps_the_error()
    {
        using var temp = NewStore();
        var outbox = new VoicemailOutbox(temp.Store);
        var queued = await outbox.EnqueueAsync(Message(), Ct);
        var now = DateTimeOffset.UtcNow;

        await outbox.MarkRetryAsync(queued.Id, 1, now.AddMinutes(1), "connection refused", Ct);

        Assert.Empty(await outbox.TakeDueAsync(now, 10, Ct));
        var later = Assert.Single(await outbox.TakeDueAsync(now.AddMinutes(2), 10, Ct));
        Assert.Equal(1, later.Attempts);
        Assert.Equal("connection refused", later.LastError);
        Assert.Equal(now.AddMinutes(1).ToUnixTimeMilliseconds(), (await outbox.NextDueAsync(Ct))!.Value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Sent_and_failed_messages_are_not_due_until_resent()
    {
        using var temp = NewStore();
        var outbox = new VoicemailOutbox(temp.Store);
        var sent = await outbox.EnqueueAsync(Message(), Ct);
        var failed = await outbox.EnqueueAsync(Message("+358501112222"), Ct);

        await outbox.MarkSentAsync(sent.Id, Ct);
        await outbox.MarkFailedAsync(failed.Id, "550 5.1.1 no such mailbox", Ct);

        Assert.Empty(await outbox.TakeDueAsync(DateTimeOffset.UtcNow.AddHours(1), 10, Ct));
        var list = await outbox.ListAsync(cancellationToken: Ct);
        Assert.Equal([failed.Id, sent.Id], list.Select(e => e.Id));
        Assert.Equal(VoicemailState.Failed, list[0].State);
        Assert.Equal("550 5.1.1 no such mailbox", list[0].LastError);
        Assert.Equal(VoicemailState.Sent, list[1].State);
        Assert.NotNull(list[1].SentAt);
        Assert.Empty(list[0].Message.Wav);

        Assert.True(await outbox.ResendAsync(failed.Id, Ct));
        Assert.False(await outbox.ResendAsync(9999, Ct));
        var again = Assert.Single(await outbox.TakeDueAsync(DateTimeOffset.UtcNow.AddSeconds(1), 10, Ct));
        Assert.Equal(failed.Id, again.Id);
        Assert.Equal(0, again.Attempts);
        Assert.Equal(failed.MessageId, again.MessageId);
    }

    [Fact]
    public async Task A_hostile_caller_name_is_stored_as_data_and_bounded()
    {
        using var temp = NewStore();
        var outbox = new VoicemailOutbox(temp.Store);
        var name = "x'); DROP TABLE voicemail_outbox; --" + new string('a', 2048);

        await outbox.EnqueueAsync(Message() with { CallerName = name }, Ct);

        var stored = Assert.Single(await outbox.ListAsync(cancellationToken: Ct));
        Assert.Equal(256, stored.Message.CallerName!.Length);
        Assert.StartsWith("x'); DROP TABLE", stored.Message.CallerName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_step_3_adds_the_mail_facts()
    {
        using var temp = NewStore();
        await using var connection = await temp.Store.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var columns = (await connection.QueryAsync<string>(Provider == StoreProvider.Postgres
            ? "SELECT column_name FROM information_schema.columns WHERE table_name = 'voicemail_outbox'"
            : "SELECT name FROM pragma_table_info('voicemail_outbox')")).ToList();

        Assert.Contains("caller_name", columns);
        Assert.Contains("agent_name", columns);
        Assert.Contains("call_id", columns);
    }

    [Fact]
    public async Task The_backlog_counts_only_unsent_messages_and_dates_the_oldest_by_its_recording()
    {
        using var temp = NewStore();
        var outbox = new VoicemailOutbox(temp.Store);
        Assert.Equal((0, (DateTimeOffset?)null), await outbox.BacklogAsync(Ct));

        var recorded = new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero);
        var sent = await outbox.EnqueueAsync(Message() with { RecordedAt = recorded.AddHours(-1) }, Ct);
        var failed = await outbox.EnqueueAsync(Message() with { RecordedAt = recorded.AddHours(-2) }, Ct);
        await outbox.EnqueueAsync(Message() with { RecordedAt = recorded.AddMinutes(5) }, Ct);
        var retried = await outbox.EnqueueAsync(Message() with { RecordedAt = recorded }, Ct);
        await outbox.MarkSentAsync(sent.Id, Ct);
        await outbox.MarkFailedAsync(failed.Id, "550 no such user", Ct);
        await outbox.MarkRetryAsync(retried.Id, 1, DateTimeOffset.UtcNow.AddMinutes(1), "connection refused", Ct);

        Assert.Equal((2, (DateTimeOffset?)recorded), await outbox.BacklogAsync(Ct));
    }

    [Fact]
    public async Task Two_senders_taking_at_once_never_take_the_same_message()
    {
        using var temp = NewStore();
        var outbox = new VoicemailOutbox(temp.Store);
        for (var i = 0; i < 40; i++)
        {
            await outbox.EnqueueAsync(Message("+35845111" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)), Ct);
        }

        var now = DateTimeOffset.UtcNow.AddSeconds(1);
        var taken = new List<long>[2];
        await Task.WhenAll(Enumerable.Range(0, 2).Select(s => Task.Run(async () =>
        {
            var mine = new List<long>();
            while ((await outbox.TakeDueAsync(now, 3, Ct, sender: "sender-" + s)) is { Count: > 0 } batch)
            {
                mine.AddRange(batch.Select(e => e.Id));
            }

            taken[s] = mine;
        }, Ct)));

        Assert.Equal(40, taken[0].Count + taken[1].Count);
        Assert.Empty(taken[0].Intersect(taken[1]));
    }

    [Fact]
    public async Task A_taken_message_is_left_to_its_sender_until_released_or_its_claim_runs_out()
    {
        using var temp = NewStore();
        var outbox = new VoicemailOutbox(temp.Store);
        var queued = await outbox.EnqueueAsync(Message(), Ct);
        var now = DateTimeOffset.UtcNow.AddSeconds(1);

        Assert.Single(await outbox.TakeDueAsync(now, 10, Ct, sender: "a"));
        Assert.Empty(await outbox.TakeDueAsync(now, 10, Ct, sender: "b"));
        Assert.Equal(queued.Id, Assert.Single(await outbox.TakeDueAsync(now + VoicemailOutbox.SendClaim, 10, Ct, sender: "b")).Id);

        Assert.Equal(1, await outbox.ReleaseClaimsAsync("b", Ct));
        Assert.Single(await outbox.TakeDueAsync(now, 10, Ct, sender: "a"));
    }
}
