using LeadDesk.Store;
using Dapper;
using LeadDesk.Store.CallLog;

namespace LeadDesk.Store.Tests.CallLog;

/// <summary>The outbound columns of the call log and the lookup callbacks (issue 16) will run on them.</summary>
public abstract class OutboundCallLogTests(StoreProvider provider) : StoreTest(provider)
{
    public sealed class OnSqlite() : OutboundCallLogTests(StoreProvider.Sqlite);

    public sealed class OnPostgres() : OutboundCallLogTests(StoreProvider.Postgres);

    private const string Lead = "+358451234567";
    private const string Cid = "+358401234567";
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static async Task<long> OutboundAsync(CallLogStore log, string channel, DateTimeOffset at, CallOutcome outcome, string agent, string? cid = Cid)
    {
        var id = (await log.WriteBatchAsync([new CallLogWrite.Start(channel, at, Lead, "1001", null, CallDirection.Outbound, Lead)], Seed.Ct))[0];
        await log.CompleteAsync(id, outcome, new CallCompletion(at.AddSeconds(30), "outbound", agent, CallerIdUsed: cid), Seed.Ct);
        return id;
    }

    [Fact]
    public async Task The_newest_answered_outbound_call_to_the_lead_with_that_caller_id_since_the_window_is_found()
    {
        using var t = NewStore();
        var log = new CallLogStore(t.Store);
        await OutboundAsync(log, "a", T0, CallOutcome.Answered, "alice");
        await OutboundAsync(log, "b", T0.AddHours(1), CallOutcome.Answered, "bob");
        await OutboundAsync(log, "c", T0.AddHours(2), CallOutcome.NoAnswer, "carol");
        await OutboundAsync(log, "d", T0.AddHours(3), CallOutcome.Answered, "dave", cid: "+358401234599");
        await log.StartAsync("e", T0.AddHours(4), Cid, Lead, null, Seed.Ct);

        Assert.Equal("bob", (await log.FindLastAnsweredOutboundAsync(Lead, Cid, T0, Seed.Ct))!.AgentId);
        Assert.Null(await log.FindLastAnsweredOutboundAsync(Lead, Cid, T0.AddHours(1.5), Seed.Ct));
        Assert.Null(await log.FindLastAnsweredOutboundAsync("+358459999999", Cid, T0, Seed.Ct));
    }

    [Fact]
    public async Task The_callback_lookup_is_one_search_of_its_index()
    {
        using var t = NewStore();
        await QueryPlans.AssertServedByIndexAsync(
            t.Store,
            $"SELECT id FROM call_log {CallLogStore.AnsweredOutboundWhere} ORDER BY started_at DESC LIMIT 1",
            new { leadNumber = Lead, callerId = Cid, since = "2026" },
            "ix_call_log_answered_outbound");
    }

    [Fact]
    public async Task Rows_keep_their_direction_and_can_be_listed_by_it()
    {
        using var t = NewStore();
        var log = new CallLogStore(t.Store);
        await log.StartAsync("in", T0, Cid, Lead, null, Seed.Ct);
        await OutboundAsync(log, "out", T0, CallOutcome.Refused, "alice", cid: null);

        var outbound = Assert.Single(await log.ListAsync(10, CallDirection.Outbound, Seed.Ct));
        Assert.Equal(("out", Lead, (string?)null, CallOutcome.Refused), (outbound.ChannelId, outbound.LeadNumber, outbound.CallerIdUsed, outbound.Outcome!.Value));
        Assert.Equal("in", Assert.Single(await log.ListAsync(10, CallDirection.Inbound, Seed.Ct)).ChannelId);
    }
}
