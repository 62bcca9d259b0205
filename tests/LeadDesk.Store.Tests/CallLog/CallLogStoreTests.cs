using LeadDesk.Store;
using LeadDesk.Store.CallLog;

namespace LeadDesk.Store.Tests.CallLog;

public abstract class CallLogStoreTests(StoreProvider provider) : StoreTest(provider)
{
    public sealed class OnSqlite() : CallLogStoreTests(StoreProvider.Sqlite);

    public sealed class OnPostgres() : CallLogStoreTests(StoreProvider.Postgres);

    [Fact]
    public void Outcome_tokens_are_exactly_the_designed_ones()
    {
        Assert.Equal(
            ["answered", "busy", "voicemail", "voicemail-discarded", "unreachable", "queued", "custom", "unassigned", "unknown", "abandoned", "failed", "no-answer", "refused", "cancelled"],
            Enum.GetValues<CallOutcome>().Select(o => o.ToToken()));
        foreach (var outcome in Enum.GetValues<CallOutcome>())
        {
            Assert.Equal(outcome, CallOutcomes.Parse(outcome.ToToken()));
        }

        Assert.False(CallOutcomes.TryParse("Answered", out _));
    }

    [Fact]
    public async Task Reconciliation_closes_only_rows_still_open_and_never_overwrites_a_real_outcome()
    {
        using var t = NewStore();
        var log = new CallLogStore(t.Store);
        var start = new DateTimeOffset(2025, 1, 2, 10, 0, 0, TimeSpan.Zero);
        var finished = await log.StartAsync("1700000000.1", start, "+358401234567", "+358501112222", null, Seed.Ct);
        var abandoned = await log.StartAsync("1700000000.2", start, "+358401234567", "+358501112222", null, Seed.Ct);
        await log.CompleteAsync(finished, CallOutcome.Voicemail, new CallCompletion(start.AddSeconds(40), "agent", "alice"), Seed.Ct);

        var guess = new CallCompletion(start.AddMinutes(5), Detail: "the call ended while no controller was following it");
        await log.CompleteIfOpenAsync(finished, CallOutcome.Failed, guess, Seed.Ct);
        await log.CompleteIfOpenAsync(abandoned, CallOutcome.Failed, guess, Seed.Ct);

        var rows = (await log.ListAsync(10, Seed.Ct)).ToDictionary(r => r.Id);
        Assert.Equal(CallOutcome.Voicemail, rows[finished].Outcome);
        Assert.Equal(TimeSpan.FromSeconds(40), rows[finished].TotalDuration);
        Assert.Equal(CallOutcome.Failed, rows[abandoned].Outcome);
    }

    [Fact]
    public async Task A_batch_applies_its_writes_in_order_and_returns_each_row_id()
    {
        using var t = NewStore();
        var log = new CallLogStore(t.Store);
        var start = new DateTimeOffset(2025, 1, 2, 10, 0, 0, TimeSpan.Zero);
        var first = await log.StartAsync("1700000000.1", start, "+358401234567", "+358501112222", null, Seed.Ct);

        var ids = await log.WriteBatchAsync(
            [
                new CallLogWrite.Start("1700000000.2", start, "+358401234568", "+358501112222", null),
                new CallLogWrite.Complete(first, CallOutcome.Busy, new CallCompletion(start.AddSeconds(3))),
            ],
            Seed.Ct);

        Assert.Equal(first + 1, ids[0]);
        Assert.Equal(first, ids[1]);
        var rows = (await log.ListAsync(10, Seed.Ct)).ToDictionary(r => r.Id);
        Assert.Equal(CallOutcome.Busy, rows[first].Outcome);
        Assert.Null(rows[ids[0]].Outcome);

        // All or nothing: a write for a row that does not exist refuses the whole batch.
        await Assert.ThrowsAsync<InvalidOperationException>(() => log.WriteBatchAsync(
            [
                new CallLogWrite.Start("1700000000.3", start, "+358401234569", "+358501112222", null),
                new CallLogWrite.Complete(9999, CallOutcome.Busy, new CallCompletion(start)),
            ],
            Seed.Ct));
        Assert.Equal(2, (await log.ListAsync(10, Seed.Ct)).Count);
    }

    [Fact]
    public async Task A_call_is_started_then_completed_with_durations()
    {
        using var t = NewStore();
        var log = new CallLogStore(t.Store);
        var start = new DateTimeOffset(2025, 1, 2, 10, 0, 0, TimeSpan.Zero);
        var id = await log.StartAsync("1700000000.1", start, "0401234567", "+358501112222", "Caller \"x\"", Seed.Ct);

        Assert.Null(Assert.Single(await log.ListAsync(10, Seed.Ct)).Outcome);

        await log.CompleteAsync(id, CallOutcome.Answered, new CallCompletion(
            start.AddSeconds(30), "agent", "alice", "PJSIP/1001", start.AddSeconds(5), DialledNumber: "+358401234567"), Seed.Ct);

        var call = Assert.Single(await log.ListAsync(10, Seed.Ct));
        Assert.Equal(CallOutcome.Answered, call.Outcome);
        Assert.Equal("+358401234567", call.DialledNumber);
        Assert.Equal(TimeSpan.FromSeconds(30), call.TotalDuration);
        Assert.Equal(TimeSpan.FromSeconds(25), call.TalkDuration);
        Assert.Equal("alice", call.AgentId);
        Assert.Equal("Caller \"x\"", call.CallerName);
    }

    [Fact]
    public async Task Outcomes_since_count_ended_calls_from_that_instant_on_and_leave_calls_in_progress_out()
    {
        using var t = NewStore();
        var log = new CallLogStore(t.Store);
        var since = new DateTimeOffset(2025, 1, 2, 10, 0, 0, TimeSpan.Zero);
        async Task EndedAsync(string channel, DateTimeOffset startedAt, CallOutcome outcome)
        {
            var id = await log.StartAsync(channel, startedAt, "+358401234567", "+358501112222", null, Seed.Ct);
            await log.CompleteAsync(id, outcome, new CallCompletion(startedAt.AddSeconds(30), "agent", "alice"), Seed.Ct);
        }

        await EndedAsync("1", since.AddMilliseconds(-1), CallOutcome.Failed);
        await EndedAsync("2", since, CallOutcome.Answered);
        await EndedAsync("3", since.AddMinutes(30), CallOutcome.Answered);
        await EndedAsync("4", since.AddMinutes(59), CallOutcome.Busy);
        await log.StartAsync("5", since.AddMinutes(1), "+358401234567", "+358501112222", null, Seed.Ct);

        var counts = await log.CountOutcomesSinceAsync(since, Seed.Ct);

        Assert.Equal(2, counts[CallOutcome.Answered]);
        Assert.Equal(1, counts[CallOutcome.Busy]);
        Assert.False(counts.ContainsKey(CallOutcome.Failed));
        Assert.Equal(3, counts.Values.Sum());
    }
}
