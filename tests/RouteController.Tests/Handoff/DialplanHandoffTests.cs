using LeadDesk.Ari.Simulator;
using RouteController.Tests.Support;
using CallOutcome = LeadDesk.Store.CallLog.CallOutcome;

namespace RouteController.Tests.Handoff;

/// <summary>
/// Handing a caller to the dialplan (app_queue or a support-made target) and following the channel there, so the
/// call log can tell whether anyone in the queue answered.
/// </summary>
public sealed class DialplanHandoffTests
{
    private static readonly TimeSpan CallEnds = TimeSpan.FromSeconds(10);

    private static async Task<RunningController> WithSupportQueueAsync(PhoneScript member)
    {
        var controller = await RunningController.StartAsync();
        await controller.AdminAsync("numbers", "add", RunningController.Number);
        await controller.AdminAsync("queues", "add", "support");
        await controller.AdminAsync("routes", "queue", RunningController.Number, "--queue", "support");
        controller.Sim.AddQueue("leaddesk-queues", "support", "support", "PJSIP/1001");
        controller.Sim.AddEndpoint("PJSIP/1001", member);
        return controller;
    }

    [Fact]
    public async Task A_queue_number_is_continued_into_leaddesk_queues_after_subscribing_to_the_channel()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AdminAsync("numbers", "add", RunningController.Number);
        await controller.AdminAsync("queues", "add", "support");
        await controller.AdminAsync("routes", "queue", RunningController.Number, "--queue", "support");

        var call = await controller.CallAsync();
        await controller.Sim.WaitForAsync(
            () => controller.Sim.Requests.Any(r => r.Path == $"/ari/channels/{call.ChannelId}/continue"), CallEnds);

        var requests = controller.Sim.Requests;
        var subscribe = requests.ToList().FindIndex(r => r.Path == "/ari/applications/leaddesk/subscription");
        var proceed = requests.ToList().FindIndex(r => r.Path == $"/ari/channels/{call.ChannelId}/continue");
        Assert.True(subscribe >= 0 && subscribe < proceed);
        Assert.Equal("leaddesk-queues", requests[proceed].Query["context"]);
        Assert.Equal("support", requests[proceed].Query["extension"]);
        Assert.Equal("1", requests[proceed].Query["priority"]);

        await call.HangUpAsync();
        Assert.Equal(CallOutcome.Queued, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
    }

    [Fact]
    public async Task A_queue_member_answering_is_logged_as_the_answer_and_the_row_completes_when_the_caller_leaves()
    {
        await using var controller = await WithSupportQueueAsync(PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(100)));

        var call = await controller.CallAsync();
        await controller.Sim.WaitForEventAsync(
            "Dial", e => (string?)e["caller"]?["id"] == call.ChannelId && (string?)e["dialstatus"] == "ANSWER", CallEnds);
        await call.HangUpAsync();

        var row = await controller.CallLogRowAsync(call.ChannelId!);
        Assert.Equal(CallOutcome.Queued, row.Outcome);
        Assert.NotNull(row.AnsweredAt);
        Assert.True(row.AnsweredAt <= row.EndedAt);
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_caller_who_leaves_the_queue_before_anyone_answers_is_logged_unanswered()
    {
        await using var controller = await WithSupportQueueAsync(PhoneScript.RingForever());

        var call = await controller.CallAsync();
        await controller.Sim.WaitForAsync(
            () => controller.Sim.Requests.Any(r => r.Path == $"/ari/channels/{call.ChannelId}/continue"), CallEnds);
        await call.HangUpAsync();

        var row = await controller.CallLogRowAsync(call.ChannelId!);
        Assert.Equal(CallOutcome.Queued, row.Outcome);
        Assert.Null(row.AnsweredAt);
        await controller.AssertNothingLeftAsync();
    }
}
