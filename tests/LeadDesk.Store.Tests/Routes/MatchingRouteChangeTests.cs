using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Store.Tests.Routes;

/// <summary>
/// The set-based "all matching the filter" change against the per-number path it replaced for filters: two stores
/// seeded alike, one changed by filter and one by the list of the numbers that filter shows, must agree on every
/// count, warning, refusal, route and audit row.
/// </summary>
public abstract class MatchingRouteChangeTests(StoreProvider provider) : StoreTest(provider)
{
    public sealed class OnSqlite() : MatchingRouteChangeTests(StoreProvider.Sqlite);

    public sealed class OnPostgres() : MatchingRouteChangeTests(StoreProvider.Postgres);

    private static string Number(int i) => "+35840" + (1000000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);

    // 0-4 alice (3 is her caller ID), 5-9 bob, 10-11 a custom destination, 12-13 queue sales, 14-29 free, 30 not ours.
    private async Task<TempStore> SeededAsync()
    {
        var t = NewStore(new FakeTimeProvider(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero)));
        await t.AddNumbersAsync(true, Enumerable.Range(0, 30).Select(Number).ToArray());
        await t.AddNumbersAsync(false, Number(30));
        await t.AddAgentAsync("alice", "1001");
        await t.AddAgentAsync("bob", "1002");
        await t.AddQueueAsync("sales");
        await t.AddDialplanAsync("ivr");
        await t.RouteAsync(RouteTarget.Agent("alice"), Enumerable.Range(0, 5).Select(Number).ToArray());
        await t.RouteAsync(RouteTarget.Agent("bob"), Enumerable.Range(5, 5).Select(Number).ToArray());
        await t.RouteAsync(RouteTarget.Custom("ivr"), Number(10), Number(11));
        await t.RouteAsync(RouteTarget.Queue("sales"), Number(12), Number(13));
        await t.Agents().SetAsync("alice", new AgentChanges(OutboundCallerId: Number(3)), Seed.Ct);
        await t.Agents().SetAsync("bob", new AgentChanges(OutboundCallerId: Number(20)), Seed.Ct);
        return t;
    }

    [Fact]
    public async Task Changing_all_matching_a_filter_does_exactly_what_listing_those_numbers_does()
    {
        using var byFilter = await SeededAsync();
        using var byList = await SeededAsync();

        async Task<string> BothAsync(RouteFilter filter, RouteTarget target)
        {
            var viaFilter = await OutcomeAsync(() => byFilter.Routes().ApplyToMatchingAsync(filter, target, "root via web", Seed.Ct));
            var shown = await byList.Routes().PageAsync(new RoutePageQuery(filter, Limit: RoutePageQuery.MaxLimit), Seed.Ct);
            var viaList = await OutcomeAsync(() =>
                byList.Routes().ApplyAsync(NumberEntry.From(shown.Items.Select(n => n.Number)), target, "root via web", Seed.Ct));

            Assert.Equal(viaList, viaFilter);
            Assert.Equal(await byList.SnapshotAsync(), await byFilter.SnapshotAsync());
            Assert.Equal(await AuditAsync(byList), await AuditAsync(byFilter));
            return viaFilter;
        }

        Assert.Equal(
            $"changed 5, unchanged 5, warnings: {Number(3)} is agent 'alice''s outbound caller ID and no longer routes to them: their callbacks will not reach them.",
            await BothAsync(new RouteFilter(Search: "+35840100000"), RouteTarget.Agent("bob")));
        Assert.Equal(
            $"refused: '{Number(12)}' ({Number(12)}) is an inbound number of queue 'sales': unassign it first.",
            await BothAsync(RouteFilter.All, RouteTarget.Agent("alice")));
        Assert.Equal(
            $"refused: '{Number(30)}' ({Number(30)}) is not owned by us at the carrier, so it cannot be routed.",
            await BothAsync(new RouteFilter(DestinationType.Unassigned), RouteTarget.Queue("sales")));
        Assert.Equal("refused: There is no agent 'nobody'.", await BothAsync(RouteFilter.All, RouteTarget.Agent("nobody")));
        Assert.Equal("changed 10, unchanged 0, warnings: ", await BothAsync(new RouteFilter(Search: "agent BOB"), RouteTarget.Custom("ivr")));
        Assert.Equal("changed 14, unchanged 17, warnings: ", await BothAsync(RouteFilter.All, RouteTarget.Unassigned));
        Assert.Equal("changed 10, unchanged 0, warnings: ", await BothAsync(new RouteFilter(DestinationType.Unassigned, "+35840100002"), RouteTarget.Queue("sales")));

        // Each changed number audited once per change, naming the web user and where it came from.
        var audit = await byFilter.Routes().AuditAsync(null, 1000, Seed.Ct);
        Assert.Equal(5 + 10 + 14 + 10, audit.Count(a => a.Actor == "root via web"));
        Assert.Contains(audit, a => a is { OldDestination: "agent:alice", NewDestination: "agent:bob", Actor: "root via web" } && a.Number == Number(3));
    }

    [Fact]
    public async Task A_filter_matching_nothing_is_refused_before_the_target_is_looked_up()
    {
        using var t = await SeededAsync();
        var before = await t.SnapshotAsync();

        var e = await Assert.ThrowsAsync<RoutingRefusedException>(() =>
            t.Routes().ApplyToMatchingAsync(new RouteFilter(Search: "no such agent"), RouteTarget.Agent("nobody"), "root via web", Seed.Ct));

        Assert.Equal("No numbers match the filter.", e.Message);
        Assert.Equal(before, await t.SnapshotAsync());
    }

    // The audit in id order without the ids: a refused per-number batch had already drawn ids, and a PostgreSQL
    // sequence does not roll back, so only there the ids of later rows differ by the gap.
    private static async Task<IReadOnlyList<RouteAuditEntry>> AuditAsync(TempStore t) =>
        (await t.Routes().AuditAsync(null, 1000, Seed.Ct)).Select(a => a with { Id = 0 }).ToList();

    private static async Task<string> OutcomeAsync(Func<Task<RouteChangeResult>> change)
    {
        try
        {
            var result = await change();
            return $"changed {result.Changed}, unchanged {result.Unchanged}, warnings: {string.Join(" | ", result.Warnings)}";
        }
        catch (RoutingRefusedException e)
        {
            return "refused: " + e.Message;
        }
    }
}
