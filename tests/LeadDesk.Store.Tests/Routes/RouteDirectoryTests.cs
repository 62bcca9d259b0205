using Dapper;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Destinations;
using LeadDesk.Store.Routes;

namespace LeadDesk.Store.Tests.Routes;

public class RouteDirectoryTests
{
    [Fact]
    public async Task An_unknown_number_has_no_route()
    {
        using var t = new TempStore();
        Assert.Null(await new RouteDirectory(t.Store).FindAsync("+358401234567", Seed.Ct));
    }

    [Fact]
    public async Task An_agent_route_carries_what_the_controller_needs()
    {
        using var t = new TempStore();
        await t.AddNumbersAsync(true, "+358401234567");
        await t.AddAgentAsync("alice", "1001", "alice@example.com", "a.work@example.com");
        await t.RouteAsync(RouteTarget.Agent("alice"), "+358401234567");
        await t.Agents().SetAsync("alice", new AgentChanges(Unreachable: UnreachableDestination.VoicemailTo("a.work@example.com")), Seed.Ct);
        await t.Agents().SetLoggedInAsync("alice", true, Seed.Ct);
        await using (var c = await t.Store.OpenConnectionAsync(Seed.Ct))
        {
            await c.ExecuteAsync("INSERT INTO agent_greetings (agent_id, recording_name, wav, recorded_at) VALUES ('alice', 'greeting-alice', x'00', '2025-01-01T00:00:00.000Z')");
        }

        var route = await new RouteDirectory(t.Store).FindAsync("+358401234567", Seed.Ct);

        Assert.NotNull(route);
        Assert.Equal(DestinationType.Agent, route.DestinationType);
        Assert.True(route.Owned);
        Assert.Equal(new AgentRouteTarget("alice", "Agent alice", "1001", true, new UnreachableDestination.Voicemail("a.work@example.com"), true), route.Agent);
        Assert.Equal("PJSIP/1001", route.Agent!.Endpoint);
    }

    [Fact]
    public async Task Queue_custom_and_unassigned_routes()
    {
        using var t = new TempStore();
        await t.AddNumbersAsync(true, "+358401234567", "+358401234568", "+358401234569");
        await t.AddQueueAsync("sales");
        await new DestinationRegistry(t.Store).AddAsync(CustomDestination.ToEndpoint("reception", "PJSIP/2001"), Seed.Ct);
        await t.RouteAsync(RouteTarget.Queue("sales"), "+358401234567");
        await t.RouteAsync(RouteTarget.Custom("reception"), "+358401234568");
        var directory = new RouteDirectory(t.Store);

        var queue = await directory.FindAsync("+358401234567", Seed.Ct);
        Assert.Equal("sales", queue!.QueueName);
        var custom = await directory.FindAsync("+358401234568", Seed.Ct);
        Assert.Equal(DestinationKind.Endpoint, custom!.Destination!.Kind);
        Assert.Equal("PJSIP/2001", custom.Destination.Endpoint);
        var free = await directory.FindAsync("+358401234569", Seed.Ct);
        Assert.Equal(DestinationType.Unassigned, free!.DestinationType);
        Assert.Null(free.Agent);
    }

    [Fact]
    public async Task A_change_is_seen_by_the_next_lookup_through_another_store_instance()
    {
        using var t = new TempStore();
        await t.AddNumbersAsync(true, "+358401234567");
        await t.AddAgentAsync("alice", "1001");
        var controllerSide = new RouteDirectory(RoutingStore.Open(t.Store.DatabasePath));
        Assert.Equal(DestinationType.Unassigned, (await controllerSide.FindAsync("+358401234567", Seed.Ct))!.DestinationType);

        await t.RouteAsync(RouteTarget.Agent("alice"), "+358401234567");

        Assert.Equal(DestinationType.Agent, (await controllerSide.FindAsync("+358401234567", Seed.Ct))!.DestinationType);
    }
}
