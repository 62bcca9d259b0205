using LeadDesk.Ari.Simulator;
using Microsoft.Extensions.Logging;
using RouteController.Tests.Support;
using CallOutcome = LeadDesk.Store.CallLog.CallOutcome;

namespace RouteController.Tests.CallLog;

/// <summary>
/// Issue 30: the controller's log tells a whole call. Besides its arrival and route, one information line at its end,
/// in the call's log scope, with the outcome, the durations, the route and the agent (what the call-log row says).
/// </summary>
public sealed class CallRecorderTests
{
    private static readonly TimeSpan CallEnds = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CapturedLog.Entry EndLine(RunningController controller, string channelId)
    {
        var lines = controller.Log.Entries
            .Where(e => e.Message.StartsWith("Call ended ", StringComparison.Ordinal) && e.Scopes.Any(s => s.StartsWith($"Call {channelId} ", StringComparison.Ordinal)))
            .ToList();
        var line = Assert.Single(lines);
        Assert.Equal(LogLevel.Information, line.Level);
        return line;
    }

    [Fact]
    public async Task An_answered_call_ends_with_one_line_naming_the_outcome_durations_route_and_agent()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(50)));

        var call = await controller.CallAsync();
        await controller.Sim.WaitForAsync(() => controller.Sim.LiveBridges.Any(b => b.Channels.Count == 2), CallEnds);
        await call.HangUpAsync();
        Assert.Equal(CallOutcome.Answered, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);

        var line = EndLine(controller, call.ChannelId!);
        Assert.Matches(@"^Call ended answered: \d+(\.\d)? s in all, \d+(\.\d)? s talking; route agent, agent alice$", line.Message);
        Assert.Equal(typeof(LeadDesk.RouteController.CallLog.CallRecorder).FullName, line.Category);
    }

    [Fact]
    public async Task A_busy_call_ends_with_its_line_and_no_talk_time()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", PhoneScript.Busy486(TimeSpan.FromMilliseconds(50)));

        var call = await controller.CallAsync();
        await call.Ended.WaitAsync(CallEnds, Ct);
        Assert.Equal(CallOutcome.Busy, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);

        Assert.Matches(@"^Call ended busy: \d+(\.\d)? s in all, 0 s talking; route agent, agent alice$", EndLine(controller, call.ChannelId!).Message);
    }

    [Fact]
    public async Task An_unknown_number_ends_with_its_line_without_route_agent()
    {
        await using var controller = await RunningController.StartAsync();

        var call = await controller.CallAsync("+358409999999");
        await call.Ended.WaitAsync(CallEnds, Ct);
        Assert.Equal(CallOutcome.Unknown, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);

        Assert.Matches(@"^Call ended unknown: \d+(\.\d)? s in all, 0 s talking; route unknown, agent -$", EndLine(controller, call.ChannelId!).Message);
    }

    [Fact]
    public async Task An_agents_outbound_call_ends_with_its_line_too()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync();

        // No caller ID anywhere: refused, nothing dialled.
        var call = await controller.AgentDialsAsync("0451234567");
        await call.Ended.WaitAsync(CallEnds, Ct);
        Assert.Equal(CallOutcome.Refused, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);

        var line = Assert.Single(controller.Log.Entries, e => e.Message.StartsWith("Call ended ", StringComparison.Ordinal) && e.Scopes.Any(s => s.Contains(call.ChannelId!, StringComparison.Ordinal)));
        Assert.Matches(@"^Call ended refused: \d+(\.\d)? s in all, 0 s talking; route outbound, agent alice$", line.Message);
    }
}
