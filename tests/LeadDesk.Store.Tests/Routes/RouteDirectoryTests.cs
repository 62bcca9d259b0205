using Dapper;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Destinations;
using LeadDesk.Store.CallLog;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Routing;
using LeadDesk.Store.Callbacks;

namespace LeadDesk.Store.Tests.Routes;

public abstract class RouteDirectoryTests(StoreProvider provider) : StoreTest(provider)
{
    public sealed class OnSqlite() : RouteDirectoryTests(StoreProvider.Sqlite);

    public sealed class OnPostgres() : RouteDirectoryTests(StoreProvider.Postgres);

    [Fact]
    public async Task An_unknown_number_has_no_route()
    {
        using var t = NewStore();
        Assert.Null(await new RouteDirectory(t.Store).FindAsync("+358401234567", Seed.Ct));
    }

    [Fact]
    public async Task An_agent_route_carries_what_the_controller_needs()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567");
        await t.AddAgentAsync("alice", "1001", "alice@example.com", "a.work@example.com");
        await t.RouteAsync(RouteTarget.Agent("alice"), "+358401234567");
        await t.Agents().SetAsync("alice", new AgentChanges(Unreachable: UnreachableDestination.VoicemailTo("a.work@example.com")), Seed.Ct);
        await t.Agents().SetLoggedInAsync("alice", true, Seed.Ct);
        await using (var c = await t.Store.OpenConnectionAsync(Seed.Ct))
        {
            await c.ExecuteAsync("INSERT INTO agent_greetings (agent_id, recording_name, wav, recorded_at) VALUES ('alice', 'greeting-alice', @wav, '2025-01-01T00:00:00.000Z')", new { wav = new byte[] { 0 } });
        }

        var route = await new RouteDirectory(t.Store).FindAsync("+358401234567", Seed.Ct);

        Assert.NotNull(route);
        Assert.Equal(DestinationType.Agent, route.DestinationType);
        Assert.True(route.Owned);
        Assert.Equal(new AgentRouteTarget("alice", "Agent alice", "1001", true, new UnreachableDestination.Voicemail("a.work@example.com"), true), route.Agent);
    }

    [Fact]
    public async Task Queue_custom_and_unassigned_routes()
    {
        using var t = NewStore();
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
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567");
        await t.AddAgentAsync("alice", "1001");
        var controllerSide = new RouteDirectory(RoutingStore.Open(t.Location));
        Assert.Equal(DestinationType.Unassigned, (await controllerSide.FindAsync("+358401234567", Seed.Ct))!.DestinationType);

        await t.RouteAsync(RouteTarget.Agent("alice"), "+358401234567");

        Assert.Equal(DestinationType.Agent, (await controllerSide.FindAsync("+358401234567", Seed.Ct))!.DestinationType);
    }

    [Fact]
    public async Task The_callback_window_and_the_newest_answered_outbound_call_come_from_the_store()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567");
        await t.AddAgentAsync("alice", "1001");
        await t.AddAgentAsync("bob", "1002");
        await t.Agents().SetLoggedInAsync("bob", true, Seed.Ct);
        var routes = t.Routes();
        await routes.SetCallbackWindowAsync(new NumberEntry("+358401234567"), TimeSpan.FromDays(7), Seed.Ct);
        var log = new CallLogStore(t.Store);
        var t0 = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        foreach (var (channel, agent, at, outcome) in new[] { ("a", "alice", t0, CallOutcome.Answered), ("b", "bob", t0.AddHours(1), CallOutcome.Answered), ("c", "alice", t0.AddHours(2), CallOutcome.NoAnswer) })
        {
            var id = (await log.WriteBatchAsync([new CallLogWrite.Start(channel, at, "+358451234567", "1001", null, CallDirection.Outbound, "+358451234567")], Seed.Ct))[0];
            await log.CompleteAsync(id, outcome, new CallCompletion(at.AddSeconds(30), "outbound", agent, CallerIdUsed: "+358401234567"), Seed.Ct);
        }

        var directory = new RouteDirectory(t.Store);
        Assert.Equal(TimeSpan.FromDays(7), (await directory.FindAsync("+358401234567", Seed.Ct))!.CallbackWindow);
        Assert.Equal(new CallbackCandidate("bob", "Agent bob", "1002", true, t0.AddHours(1)), await directory.FindCallbackAsync("+358451234567", "+358401234567", Seed.Ct));
        Assert.Null(await directory.FindCallbackAsync("+358451234567", "+358409999999", Seed.Ct));

        await QueryPlans.AssertServedByIndexAsync(
            t.Store,
            RouteDirectory.CallbackSql,
            new { leadNumber = "+358451234567", callerId = "+358401234567", since = "0001" },
            "ix_call_log_answered_outbound");
    }
}
