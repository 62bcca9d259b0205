using RouteController.Tests.Support;
using CallOutcome = LeadDesk.Store.CallLog.CallOutcome;

namespace RouteController.Tests.Recovery;

/// <summary>
/// Asterisk replays nothing after a websocket gap (transcript i): after a reconnect or a restart the controller
/// reconciles, so conversations still talking are followed to their end and rows nobody follows are closed.
/// </summary>
public sealed class CallReconcilerTests
{
    [Fact]
    public async Task A_conversation_that_survived_a_websocket_drop_is_adopted_and_still_ends_both_sides()
    {
        var (controller, call) = await RunningController.StartWithBridgedCallAsync();
        await using var _ = controller;

        var reconciled = controller.ReconciliationCount();
        await controller.Sim.DisconnectWebSocketsAsync();
        await controller.WaitForReconciliationAsync(reconciled);
        await call.HangUpAsync();

        await controller.AssertNothingLeftAsync();
        var row = await controller.CallLogRowAsync(call.ChannelId!);
        Assert.Equal(CallOutcome.Answered, row.Outcome);
        Assert.NotNull(row.AnsweredAt);
    }


    [Fact]
    public async Task A_restarted_controller_adopts_the_conversation_its_predecessor_left_talking()
    {
        var (controller, call) = await RunningController.StartWithBridgedCallAsync();
        await using var _ = controller;

        await controller.StopHostAsync();
        Assert.Equal(2, controller.Sim.LiveChannels.Count);
        Assert.False(call.IsEnded);

        await controller.StartHostAsync();
        await call.HangUpAsync();

        await controller.AssertNothingLeftAsync();
        Assert.Equal(CallOutcome.Answered, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
    }


    [Fact]
    public async Task A_conversation_that_ended_while_no_controller_ran_is_cleaned_up_and_its_row_closed()
    {
        var (controller, call) = await RunningController.StartWithBridgedCallAsync();
        await using var _ = controller;
        await controller.StopHostAsync();

        // The caller hangs up while no controller is connected: the agent is left alone in the bridge.
        await call.HangUpAsync();
        await controller.StartHostAsync();

        await controller.AssertNothingLeftAsync();
        Assert.Equal(CallOutcome.Failed, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
    }


    [Fact]
    public async Task An_agent_hanging_up_an_adopted_conversation_releases_the_caller()
    {
        var (controller, call) = await RunningController.StartWithBridgedCallAsync();
        await using var _ = controller;
        await controller.StopHostAsync();
        await controller.StartHostAsync();

        // The agent's side: the leg the previous run originated, hung up as the agent's BYE.
        var leg = Assert.Single(controller.Sim.LiveChannels, c => c.Id != call.ChannelId);
        await controller.Sim.PhoneHangUpAsync(leg.Id);

        await call.Ended.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await controller.AssertNothingLeftAsync();
        Assert.Equal(CallOutcome.Answered, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
    }
}
