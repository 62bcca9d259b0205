using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;

namespace LeadDesk.Store.Tests.Routes;

public abstract class RouteTableTests(StoreProvider provider) : StoreTest(provider)
{
    public sealed class OnSqlite() : RouteTableTests(StoreProvider.Sqlite);

    public sealed class OnPostgres() : RouteTableTests(StoreProvider.Postgres);

    [Fact]
    public async Task Assigning_numbers_to_an_agent_routes_them_and_audits_each_change()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567", "+358401234568");
        await t.AddAgentAsync("alice", "1001");

        var result = await t.RouteAsync(RouteTarget.Agent("alice"), "0401234567", "358401234568");

        Assert.Equal(2, result.Changed);
        var routes = await t.Routes().ListAsync(DestinationType.Agent, Seed.Ct);
        Assert.All(routes, r => Assert.Equal("alice", r.AgentId));
        var audit = await t.Routes().AuditAsync("+358401234567", 10, Seed.Ct);
        var entry = Assert.Single(audit);
        Assert.Equal("unassigned", entry.OldDestination);
        Assert.Equal("agent:alice", entry.NewDestination);
        Assert.Equal("test", entry.Actor);
    }

    [Fact]
    public async Task Reassigning_records_old_and_new_destination()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567");
        await t.AddAgentAsync("alice", "1001");
        await t.AddQueueAsync("sales");
        await t.RouteAsync(RouteTarget.Agent("alice"), "+358401234567");
        await t.RouteAsync(RouteTarget.Queue("sales"), "+358401234567");
        await t.RouteAsync(RouteTarget.Unassigned, "+358401234567");

        var audit = await t.Routes().AuditAsync("+358401234567", 10, Seed.Ct);
        Assert.Equal(["queue:sales->unassigned", "agent:alice->queue:sales", "unassigned->agent:alice"], audit.Select(a => $"{a.OldDestination}->{a.NewDestination}"));
    }

    [Fact]
    public async Task One_bad_entry_changes_nothing_and_is_named()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567", "+358401234568");
        await t.AddAgentAsync("alice", "1001");
        var before = await t.SnapshotAsync();

        var e = await Assert.ThrowsAsync<RoutingRefusedException>(() => t.RouteAsync(RouteTarget.Agent("alice"), "+358401234567", "nonsense", "+358401234568"));
        Assert.Contains("'nonsense'", e.Message);

        e = await Assert.ThrowsAsync<RoutingRefusedException>(() => t.RouteAsync(RouteTarget.Agent("alice"), "+358401234567", "+358401234599"));
        Assert.Contains("+358401234599", e.Message);
        Assert.Contains("not in the number inventory", e.Message);

        Assert.Equal(before, await t.SnapshotAsync());
    }

    [Fact]
    public async Task A_bad_line_in_a_file_batch_is_named_by_line()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567");
        await t.AddAgentAsync("alice", "1001");
        var entries = new[] { new NumberEntry("+358401234567", 2), new NumberEntry("040 12x", 5) };

        var e = await Assert.ThrowsAsync<RoutingRefusedException>(() => t.Routes().ApplyAsync(entries, RouteTarget.Agent("alice"), "test", Seed.Ct));

        Assert.StartsWith("Line 5", e.Message);
        Assert.Empty(await t.Routes().ListAsync(DestinationType.Agent, Seed.Ct));
    }

    [Fact]
    public async Task An_unknown_agent_queue_or_destination_refuses_the_batch()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567");
        var before = await t.SnapshotAsync();
        Assert.Contains("no agent 'bob'", (await Assert.ThrowsAsync<RoutingRefusedException>(() => t.RouteAsync(RouteTarget.Agent("bob"), "+358401234567"))).Message);
        Assert.Contains("no queue 'q1'", (await Assert.ThrowsAsync<RoutingRefusedException>(() => t.RouteAsync(RouteTarget.Queue("q1"), "+358401234567"))).Message);
        Assert.Contains("no custom destination 'd1'", (await Assert.ThrowsAsync<RoutingRefusedException>(() => t.RouteAsync(RouteTarget.Custom("d1"), "+358401234567"))).Message);
        Assert.Equal(before, await t.SnapshotAsync());
    }

    [Fact]
    public async Task A_queue_number_cannot_go_to_an_agent_or_custom_destination_and_the_error_names_the_queue()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567", "+358401234568");
        await t.AddAgentAsync("alice", "1001");
        await t.AddQueueAsync("sales");
        await t.AddDialplanAsync("ivr");
        await t.RouteAsync(RouteTarget.Queue("sales"), "+358401234567");
        var before = await t.SnapshotAsync();

        var e = await Assert.ThrowsAsync<RoutingRefusedException>(() => t.RouteAsync(RouteTarget.Agent("alice"), "+358401234568", "+358401234567"));
        Assert.Contains("queue 'sales'", e.Message);
        e = await Assert.ThrowsAsync<RoutingRefusedException>(() => t.RouteAsync(RouteTarget.Custom("ivr"), "+358401234567"));
        Assert.Contains("queue 'sales'", e.Message);
        Assert.Equal(before, await t.SnapshotAsync());

        await t.RouteAsync(RouteTarget.Unassigned, "+358401234567");
        await t.RouteAsync(RouteTarget.Agent("alice"), "+358401234567");
    }

    [Fact]
    public async Task A_number_we_do_not_own_cannot_be_routed()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(false, "+358401234567");
        await t.AddAgentAsync("alice", "1001");
        await t.AddQueueAsync("sales");

        var e = await Assert.ThrowsAsync<RoutingRefusedException>(() => t.RouteAsync(RouteTarget.Agent("alice"), "+358401234567"));
        Assert.Contains("not owned", e.Message);
        await Assert.ThrowsAsync<RoutingRefusedException>(() => t.RouteAsync(RouteTarget.Queue("sales"), "+358401234567"));
        Assert.Equal(DestinationType.Unassigned, (await t.Routes().ListAsync(null, Seed.Ct)).Single().DestinationType);
    }

    [Fact]
    public async Task Setting_the_same_destination_again_is_not_a_change()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567");
        await t.AddAgentAsync("alice", "1001");
        await t.RouteAsync(RouteTarget.Agent("alice"), "+358401234567");
        var again = await t.RouteAsync(RouteTarget.Agent("alice"), "+358401234567", "0401234567");
        Assert.Equal(0, again.Changed);
        Assert.Equal(1, again.Unchanged);
        Assert.Single(await t.Routes().AuditAsync(null, 10, Seed.Ct));
    }

    [Fact]
    public async Task Moving_an_agents_caller_id_number_away_warns()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567");
        await t.AddAgentAsync("alice", "1001");
        await t.RouteAsync(RouteTarget.Agent("alice"), "+358401234567");
        await t.Agents().SetAsync("alice", new AgentChanges(OutboundCallerId: "+358401234567"), Seed.Ct);

        var result = await t.RouteAsync(RouteTarget.Unassigned, "+358401234567");

        Assert.Contains(result.Warnings, w => w.Contains("alice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_agents_sharing_a_caller_id_do_not_stop_route_changes_and_only_the_one_losing_it_is_warned_about()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567", "+358401234568");
        await t.AddAgentAsync("alice", "1001");
        await t.AddAgentAsync("bob", "1002");
        await t.RouteAsync(RouteTarget.Agent("alice"), "+358401234567");
        await t.Agents().SetAsync("alice", new AgentChanges(OutboundCallerId: "+358401234567"), Seed.Ct);
        await t.Agents().SetAsync("bob", new AgentChanges(OutboundCallerId: "+358401234567"), Seed.Ct);

        var result = await t.RouteAsync(RouteTarget.Agent("bob"), "+358401234567", "+358401234568");

        Assert.Equal(2, result.Changed);
        Assert.Equal(
            ["+358401234567 is agent 'alice''s outbound caller ID and no longer routes to them: their callbacks will not reach them."],
            result.Warnings);
    }
}
