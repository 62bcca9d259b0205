using LeadDesk.Store;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;

namespace LeadDesk.Store.Tests.Routes;

/// <summary>The paged listing and the "all matching the filter" change of <see cref="RouteTable"/>.</summary>
public abstract class RouteTablePagingTests(StoreProvider provider) : StoreTest(provider)
{
    public sealed class OnSqlite() : RouteTablePagingTests(StoreProvider.Sqlite);

    public sealed class OnPostgres() : RouteTablePagingTests(StoreProvider.Postgres);

    private static string Number(int i) => "+35840" + (1000000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<TempStore> SeededAsync(int count)
    {
        var t = NewStore();
        await t.Numbers().AddAsync(Enumerable.Range(0, count).Select(i => new NumberImportRow(new NumberEntry(Number(i)), null, true)).ToList(), Seed.Ct);
        await t.AddAgentAsync("alice", "1001");
        await t.AddAgentAsync("bob", "1002");
        await t.AddQueueAsync("sales");
        return t;
    }

    [Fact]
    public async Task Pages_cover_every_match_once_in_order_with_the_total()
    {
        using var t = await SeededAsync(250);
        await t.RouteAsync(RouteTarget.Agent("alice"), Enumerable.Range(0, 120).Select(Number).ToArray());

        var seen = new List<string>();
        for (var offset = 0; ; offset += 50)
        {
            var page = await t.Routes().PageAsync(new RoutePageQuery(new RouteFilter(DestinationType.Agent), Offset: offset, Limit: 50), Seed.Ct);
            Assert.Equal(120, page.Total);
            if (page.Items.Count == 0)
            {
                break;
            }

            seen.AddRange(page.Items.Select(i => i.Number));
        }

        Assert.Equal(Enumerable.Range(0, 120).Select(Number), seen);
    }

    [Fact]
    public async Task Search_finds_a_number_in_national_form_and_an_agent_by_name()
    {
        using var t = await SeededAsync(30);
        await t.RouteAsync(RouteTarget.Agent("bob"), Number(7), Number(8));

        var byNational = await t.Routes().PageAsync(new RoutePageQuery(new RouteFilter(Search: "0401000005")), Seed.Ct);
        var byFragment = await t.Routes().PageAsync(new RoutePageQuery(new RouteFilter(Search: "100002")), Seed.Ct);
        var byAgentName = await t.Routes().PageAsync(new RoutePageQuery(new RouteFilter(Search: "agent BOB")), Seed.Ct);
        var wildcard = await t.Routes().PageAsync(new RoutePageQuery(new RouteFilter(Search: "%")), Seed.Ct);

        Assert.Equal(Number(5), Assert.Single(byNational.Items).Number);
        Assert.Equal([Number(20), Number(21), Number(22), Number(23), Number(24), Number(25), Number(26), Number(27), Number(28), Number(29)], byFragment.Items.Select(i => i.Number));
        Assert.Equal([Number(7), Number(8)], byAgentName.Items.Select(i => i.Number));
        Assert.Equal(0, wildcard.Total);
    }

    [Fact]
    public async Task Sorting_by_destination_user_puts_assigned_numbers_first_in_either_direction()
    {
        using var t = await SeededAsync(5);
        await t.RouteAsync(RouteTarget.Agent("bob"), Number(1));
        await t.RouteAsync(RouteTarget.Agent("alice"), Number(3));

        var ascending = await t.Routes().PageAsync(new RoutePageQuery(RouteFilter.All, RouteSort.DestinationUser), Seed.Ct);
        var descending = await t.Routes().PageAsync(new RoutePageQuery(RouteFilter.All, RouteSort.DestinationUser, Descending: true), Seed.Ct);

        Assert.Equal(["alice", "bob", null, null, null], ascending.Items.Select(i => i.AgentId));
        Assert.Equal(["bob", "alice", null, null, null], descending.Items.Select(i => i.AgentId));
    }

    [Fact]
    public async Task Assigning_all_matching_numbers_changes_each_and_audits_the_actor()
    {
        using var t = await SeededAsync(40);

        var result = await t.Routes().ApplyToMatchingAsync(new RouteFilter(Search: "+35840100001"), RouteTarget.Agent("alice"), "root via web", Seed.Ct);

        Assert.Equal(10, result.Changed);
        var page = await t.Routes().PageAsync(new RoutePageQuery(new RouteFilter(DestinationType.Agent)), Seed.Ct);
        Assert.Equal(10, page.Total);
        Assert.All(await t.Routes().AuditAsync(null, 100, Seed.Ct), e => Assert.Equal("root via web", e.Actor));
    }

    [Fact]
    public async Task One_queue_number_among_the_matches_refuses_the_whole_batch_with_the_cli_message()
    {
        using var t = await SeededAsync(20);
        await t.RouteAsync(RouteTarget.Queue("sales"), Number(13));
        var before = await t.SnapshotAsync();

        var e = await Assert.ThrowsAsync<RoutingRefusedException>(() =>
            t.Routes().ApplyToMatchingAsync(RouteFilter.All, RouteTarget.Agent("alice"), "root via web", Seed.Ct));

        Assert.Equal($"'{Number(13)}' ({Number(13)}) is an inbound number of queue 'sales': unassign it first.", e.Message);
        Assert.Equal(before, await t.SnapshotAsync());
    }

    [Fact]
    public async Task A_filter_matching_nothing_is_refused()
    {
        using var t = await SeededAsync(3);
        var e = await Assert.ThrowsAsync<RoutingRefusedException>(() =>
            t.Routes().ApplyToMatchingAsync(new RouteFilter(DestinationType.Custom), RouteTarget.Unassigned, "x", Seed.Ct));
        Assert.Equal("No numbers match the filter.", e.Message);
    }
}
