using LeadDesk.Ari.Simulator;
using RouteController.Tests.Support;
using CallerSees = LeadDesk.Ari.Simulator.CallOutcome;
using CallOutcome = LeadDesk.Store.CallLog.CallOutcome;

namespace RouteController.Tests.Legs;

/// <summary>
/// Ringing an agent for a waiting caller and bridging the two, as the caller, the agent's phone and Asterisk see it:
/// the real controller against the ARI simulator.
/// </summary>
public sealed class LegConnectorTests
{
    private static readonly TimeSpan CallEnds = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static bool IsLegOf(SimulatedCall call, string channelId) =>
        channelId.StartsWith(call.ChannelId + "-leg-", StringComparison.Ordinal);

    [Fact]
    public async Task The_caller_is_answered_only_after_the_agent_answered()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(300)));

        var call = await controller.CallAsync();
        await controller.Sim.WaitForAsync(() => call.Answered, CallEnds);

        var requests = controller.Sim.Requests.Select(r => $"{r.Method} {r.Path}").ToList();
        var answered = requests.IndexOf($"POST /ari/channels/{call.ChannelId}/answer");
        var originated = requests.IndexOf("POST /ari/channels");
        Assert.True(originated >= 0 && answered > originated, string.Join("\n", requests));
        await call.HangUpAsync();
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task The_caller_hanging_up_while_the_agent_rings_hangs_up_the_agents_leg_at_once()
    {
        // A ring timeout far beyond the test's wait: the leg can only be gone because the controller ended it.
        var settings = RunningController.FastRouting();
        settings["Routing:RingTimeoutSeconds"] = "60";
        await using var controller = await RunningController.StartAsync(settings: settings);
        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", PhoneScript.RingForever());

        var call = await controller.CallAsync();
        await controller.Sim.WaitForAsync(() => controller.Sim.LiveChannels.Count == 2, CallEnds);
        await call.HangUpAsync();

        await controller.AssertNothingLeftAsync();
        Assert.Contains(controller.Sim.Requests, r => r.Method == "DELETE" && r.Path.StartsWith($"/ari/channels/{call.ChannelId}-leg-", StringComparison.Ordinal));
        var row = await controller.CallLogRowAsync(call.ChannelId!);
        Assert.Equal(CallOutcome.Abandoned, row.Outcome);
        Assert.Null(row.AnsweredAt);
    }

    public static TheoryData<PhoneScript, string> LegsThatDoNotConnect => new()
    {
        { PhoneScript.Busy486(TimeSpan.FromMilliseconds(100), ringFirst: true), "Busy" },
        { PhoneScript.Busy486(TimeSpan.FromMilliseconds(50), ringFirst: false), "Busy" },
        { PhoneScript.RingForever(), "NoAnswer" },
        // No SIP answer within a ring timeout shorter than Timer B: Asterisk ends the leg 19/480 like an unanswered one (transcript e).
        { PhoneScript.Unreachable(), "NoAnswer" },
        { PhoneScript.NoContact(), "Unreachable" },
    };

    /// <summary>The call log says why the agent did not take the call; the caller hears busy in every case.</summary>
    [Theory]
    [MemberData(nameof(LegsThatDoNotConnect))]
    public async Task A_leg_that_does_not_connect_is_logged_with_why_and_the_caller_is_never_answered(PhoneScript phone, string why)
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", phone);

        var call = await controller.CallAsync();
        await call.Ended.WaitAsync(CallEnds, Ct);

        Assert.False(call.Answered);
        Assert.DoesNotContain(controller.Sim.Requests, r => r.Path == $"/ari/channels/{call.ChannelId}/answer");
        Assert.DoesNotContain(controller.Sim.Requests, r => r.Method == "POST" && r.Path == "/ari/bridges");
        var row = await controller.CallLogRowAsync(call.ChannelId!);
        Assert.Equal((CallOutcome.Busy, why), (row.Outcome, row.Detail));
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task On_answer_both_are_bridged_and_the_caller_hanging_up_ends_the_agents_leg_and_the_bridge()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(50)));

        var call = await controller.CallAsync();
        await controller.Sim.WaitForAsync(() => controller.Sim.LiveBridges.Any(b => b.Channels.Count == 2), CallEnds);
        var bridge = Assert.Single(controller.Sim.LiveBridges);
        Assert.Contains(call.ChannelId!, bridge.Channels);
        Assert.Contains(bridge.Channels, c => IsLegOf(call, c));

        await call.HangUpAsync();

        await controller.AssertNothingLeftAsync();
        Assert.Contains(controller.Sim.Requests, r => r.Method == "DELETE" && r.Path.StartsWith($"/ari/channels/{call.ChannelId}-leg-", StringComparison.Ordinal));
        var row = await controller.CallLogRowAsync(call.ChannelId!);
        Assert.Equal(CallOutcome.Answered, row.Outcome);
        Assert.NotNull(row.AnsweredAt);
        Assert.NotNull(row.TalkDuration);
    }

    [Fact]
    public async Task When_the_agent_hangs_up_the_caller_is_released_and_the_bridge_destroyed()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(50), hangUpAfterAnswer: TimeSpan.FromMilliseconds(300)));

        var call = await controller.CallAsync();
        await call.Ended.WaitAsync(CallEnds, Ct);

        Assert.Equal(CallerSees.HungUpByAsterisk, call.Outcome);
        Assert.Equal(CallOutcome.Answered, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
        Assert.Contains(controller.Sim.Requests, r => r.Method == "DELETE" && r.Path == $"/ari/channels/{call.ChannelId}");
        await controller.AssertNothingLeftAsync();
    }
}
