using LeadDesk.RouteController.Calls;
using Microsoft.Extensions.DependencyInjection;
using RouteController.Tests.Support;

namespace RouteController.Tests.Calls;

/// <summary>
/// The end of every call: what the call created is hung up and destroyed, and a failure here (already gone, Asterisk
/// away) is logged, never thrown over the call's own outcome.
/// </summary>
public sealed class CallTeardownTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_legs_and_the_bridge_of_a_call_do_not_outlive_it()
    {
        var (controller, call) = await RunningController.StartWithBridgedCallAsync();
        await using var _ = controller;
        var bridge = Assert.Single(controller.Sim.LiveBridges);
        var leg = Assert.Single(bridge.Channels, c => c != call.ChannelId);
        var session = new CallSession(call.ChannelId!, TimeProvider.System) { BridgeId = bridge.Id };
        session.AddLeg(leg);

        await controller.Host.Services.GetRequiredService<CallTeardown>().TearDownAsync(session, hangUpCaller: true);

        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task What_is_already_gone_or_an_Asterisk_that_is_away_is_not_an_error()
    {
        await using var controller = await RunningController.StartAsync();
        var teardown = controller.Host.Services.GetRequiredService<CallTeardown>();
        var session = new CallSession("gone-caller", TimeProvider.System) { BridgeId = "gone-bridge" };
        session.AddLeg("gone-leg");

        // 404s: each already ended by Asterisk.
        await teardown.TearDownAsync(session, hangUpCaller: true).WaitAsync(Within, TestContext.Current.CancellationToken);

        // Connection refused: logged, and the call still ends.
        await controller.Sim.StopAsync();
        await teardown.TearDownAsync(session, hangUpCaller: true).WaitAsync(Within, TestContext.Current.CancellationToken);
    }
}
