using LeadDesk.Ari.Simulator;
using RouteController.Tests.Support;
using LeadDesk.Store.CallLog;
using CallOutcome = LeadDesk.Store.CallLog.CallOutcome;

namespace RouteController.Tests.Hosting;

/// <summary>
/// The controller's own shutdowns leave no caller in silence and no conversation cut off (reconnecting and
/// adopting what a previous run left is in Recovery/CallReconcilerTests).
/// </summary>
public sealed class ControllerResilienceTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shutdown_ends_a_ringing_call_with_busy_and_cancels_the_agents_phone()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", PhoneScript.RingForever());
        var call = await controller.CallAsync();
        await controller.Sim.WaitForAsync(() => controller.Sim.LiveChannels.Count == 2, Within);

        await controller.StopHostAsync();
        await call.Ended.WaitAsync(Within, Ct);

        Assert.Equal(486, call.SipResponse);
        Assert.Equal(CallOutcome.Busy, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Shutdown_leaves_conversations_talking_and_finishes_within_five_seconds()
    {
        var (controller, call) = await RunningController.StartWithBridgedCallAsync();
        await using var _ = controller;

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await controller.StopHostAsync();
        stopping.Stop();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"shutdown took {stopping.Elapsed}");
        Assert.False(call.IsEnded);
        Assert.Equal(2, controller.Sim.LiveChannels.Count);
    }

    [Fact]
    public async Task A_caller_waiting_in_a_queue_survives_controller_restarts_and_is_answered_when_a_member_picks_up()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AdminAsync("numbers", "add", RunningController.Number);
        await controller.AdminAsync("queues", "add", "support");
        await controller.AdminAsync("routes", "queue", RunningController.Number, "--queue", "support");
        controller.Sim.AddQueue("leaddesk-queues", "support", "support", "PJSIP/1001");
        controller.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromSeconds(4)));

        var call = await controller.CallAsync();
        await controller.Sim.WaitForAsync(
            () => controller.Sim.LiveChannels.Any(c => c.Name.StartsWith("PJSIP/1001-", StringComparison.Ordinal)), Within);

        // Twice: the restarted controller subscribed to nothing, but Asterisk still lists the caller in the application.
        for (var restart = 0; restart < 2; restart++)
        {
            await controller.StopHostAsync();
            await controller.StartHostAsync();
            Assert.False(call.IsEnded, $"the queue caller was cut off by restart {restart + 1}");
        }

        await controller.Sim.WaitForAsync(() => call.Answered, Within);
        Assert.False(call.IsEnded);
        Assert.DoesNotContain(controller.Sim.Requests, r => r.Method == "DELETE" && r.Path == $"/ari/channels/{call.ChannelId}");
        await call.HangUpAsync();
    }
}
