using LeadDesk.RouteController.Routing;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Routing;
using Microsoft.Extensions.DependencyInjection;
using RouteController.Tests.Support;
using RouteController.Tests.Routing;
using LeadDesk.RouteController.Callbacks;
using LeadDesk.Store.Callbacks;

namespace RouteController.Tests.Callbacks;

/// <summary>
/// The facts the callback rule is decided on, gathered from the store for one call (the rule itself is
/// <c>CallbackDecider</c>'s, table-tested in the store's tests): a number without a window or a caller without a
/// number goes to its own route, and a number with a window but no answered call to the caller too.
/// </summary>
public sealed class CallbackResolverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(RunningController Controller, CallbackResolver Resolver, RouteDirectory Directory)> StartAsync()
    {
        var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync();
        var services = controller.Host.Services;
        return (controller, services.GetRequiredService<CallbackResolver>(), services.GetRequiredService<RouteDirectory>());
    }

    [Theory]
    [InlineData(null, CallbackSkip.Off)]
    [InlineData("anonymous", CallbackSkip.Off)]
    [InlineData("358451112233", CallbackSkip.Off)]
    public async Task A_number_without_a_callback_window_goes_to_its_own_route(string? caller, CallbackSkip why)
    {
        var (controller, resolver, directory) = await StartAsync();
        await using var _ = controller;
        var route = await directory.FindAsync(RunningController.Number, Ct);
        var own = new RouteDecision.RingAgent("alice", "1001");

        var decision = await resolver.DecideAsync(route, own, caller, Ct);

        var skipped = Assert.IsType<CallbackDecision.OwnRouteOnly>(decision);
        Assert.Equal((why, own), (skipped.Why, skipped.OwnRoute));
    }

    [Theory]
    [InlineData(null, CallbackSkip.NoCallerNumber)]
    [InlineData("anonymous", CallbackSkip.NoCallerNumber)]
    [InlineData("358451112233", CallbackSkip.NoAnsweredCall)]
    public async Task With_a_window_a_caller_no_agent_has_reached_goes_to_the_own_route(string? caller, CallbackSkip why)
    {
        var (controller, resolver, directory) = await StartAsync();
        await using var _ = controller;
        await controller.AdminAsync("routes", "callback", RunningController.Number, "--window", "7d");
        var route = await directory.FindAsync(RunningController.Number, Ct);
        var own = new RouteDecision.RingAgent("alice", "1001");

        var decision = await resolver.DecideAsync(route, own, caller, Ct);

        var skipped = Assert.IsType<CallbackDecision.OwnRouteOnly>(decision);
        Assert.Equal((why, own), (skipped.Why, skipped.OwnRoute));
    }
}
