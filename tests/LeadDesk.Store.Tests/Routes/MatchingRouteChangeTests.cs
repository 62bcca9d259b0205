using LeadDesk.Store;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;

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

    private static string Number(int i) => RouteChangeScenario.Number(i);

    private async Task<TempStore> SeededAsync() => await RouteChangeScenario.SeedAsync(NewStore(RouteChangeScenario.Clock()));

    [Fact]
    public async Task Changing_all_matching_a_filter_does_exactly_what_listing_those_numbers_does()
    {
        using var byFilter = await SeededAsync();
        using var byList = await SeededAsync();

        async Task<string> BothAsync(RouteFilter filter, RouteTarget target)
        {
            var viaFilter = await RouteChangeScenario.OutcomeAsync(() => byFilter.Routes().ApplyToMatchingAsync(filter, target, "root via web", Seed.Ct));
            var shown = await byList.Routes().PageAsync(new RoutePageQuery(filter, Limit: RoutePageQuery.MaxLimit), Seed.Ct);
            var viaList = await RouteChangeScenario.OutcomeAsync(() => byList.Routes().ApplyEachAsync(
                shown.Items.Select(n => (new NumberEntry(n.Number), target)).ToList(), "root via web", setBasedFrom: int.MaxValue, Seed.Ct));

            Assert.Equal(viaList, viaFilter);
            await RouteChangeScenario.AssertAlikeAsync(byList, byFilter);
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
}
