using LeadDesk.Ari.Simulator;
using RouteController.Tests.Support;
using LeadDesk.Store.CallLog;
using CallerSees = LeadDesk.Ari.Simulator.CallOutcome;
using CallOutcome = LeadDesk.Store.CallLog.CallOutcome;
using RouteController.Tests.Calls;

namespace RouteController.Tests.Inbound;

/// <summary>
/// docs/behaviour.md's behaviour table, row by row, end to end: the real controller against the ARI simulator,
/// observed from the caller's side (SIP responses, early media, answer) and from Asterisk's (nothing left behind).
/// </summary>
public sealed class InboundCallFlowTests
{
    private static readonly TimeSpan CallEnds = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unknown_number_is_rejected_as_unallocated_without_answering()
    {
        await using var controller = await RunningController.StartAsync();

        var call = await controller.CallAsync("+358409999999");
        await call.Ended.WaitAsync(CallEnds, Ct);

        Assert.Equal(CallerSees.Rejected, call.Outcome);
        Assert.Equal(404, call.SipResponse);
        Assert.False(call.Answered);
        Assert.Equal(CallOutcome.Unknown, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_number_that_is_not_a_phone_number_is_treated_as_unknown()
    {
        await using var controller = await RunningController.StartAsync();

        var call = await controller.CallAsync("12;DROP TABLE");
        await call.Ended.WaitAsync(CallEnds, Ct);

        Assert.Equal(404, call.SipResponse);
        Assert.Equal(CallOutcome.Unknown, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
    }

    [Fact]
    public async Task A_number_not_assigned_plays_the_not_in_service_announcement_as_early_media_then_releases()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AdminAsync("numbers", "add", RunningController.Number);

        var call = await controller.CallAsync();
        await call.Ended.WaitAsync(CallEnds, Ct);

        Assert.True(call.SawEarlyMedia);
        Assert.False(call.Answered);
        Assert.Contains("sound:ss-noservice", controller.Sim.PlayedMedia(call.ChannelId!));
        Assert.Equal(CallOutcome.Unassigned, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Without_progress_support_a_number_not_assigned_is_rejected_as_unallocated()
    {
        await using var controller = await RunningController.StartAsync(asteriskVersion: "22.5.0");
        await controller.AdminAsync("numbers", "add", RunningController.Number);

        var call = await controller.CallAsync();
        await call.Ended.WaitAsync(CallEnds, Ct);

        Assert.False(call.SawEarlyMedia);
        Assert.Equal(404, call.SipResponse);
        Assert.DoesNotContain(controller.Sim.Requests, r => r.Path.EndsWith("/progress", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_logged_in_idle_agent_rings_with_the_callers_number_and_both_are_bridged_on_answer()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(100)));

        var call = await controller.CallAsync(callerNumber: "358451112233");
        await controller.Sim.WaitForAsync(() => controller.Sim.LiveBridges.Any(b => b.Channels.Count == 2), CallEnds);

        Assert.True(call.SawRinging);
        Assert.True(call.Answered);
        var originate = Assert.Single(controller.Sim.Requests, r => r.Method == "POST" && r.Path == "/ari/channels");
        Assert.Equal("PJSIP/1001", originate.Query["endpoint"]);
        Assert.Equal("+358451112233", originate.Query["callerId"]);

        // The caller hangs up: the agent's leg goes too and the bridge is destroyed.
        await call.HangUpAsync();
        Assert.Equal(CallOutcome.Answered, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
        await controller.AssertNothingLeftAsync();
    }

    public static TheoryData<string, PhoneScript> AgentsWhoCannotTakeTheCall => new()
    {
        { "busy 486", PhoneScript.Busy486(TimeSpan.FromMilliseconds(100), ringFirst: true) },
        { "no answer until the ring timeout", PhoneScript.RingForever() },
        { "unreachable (no SIP answer)", PhoneScript.Unreachable() },
        { "no contact registered", PhoneScript.NoContact() },
    };

    [Theory]
    [MemberData(nameof(AgentsWhoCannotTakeTheCall))]
    public async Task A_logged_in_agent_who_cannot_take_the_call_gives_the_caller_a_busy_tone_then_486(string why, PhoneScript phone)
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", phone);

        var call = await controller.CallAsync();
        await call.Ended.WaitAsync(CallEnds, Ct);

        Assert.True(call.SawEarlyMedia, why);
        Assert.False(call.Answered, why);
        Assert.Equal(486, call.SipResponse);
        Assert.Contains("tone:busy", controller.Sim.PlayedMedia(call.ChannelId!));
        Assert.Equal(CallOutcome.Busy, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task The_busy_tone_is_stopped_before_the_hang_up_so_Asterisk_has_no_failed_playback_to_warn_about()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", PhoneScript.Busy486(TimeSpan.FromMilliseconds(50), ringFirst: false));

        var call = await controller.CallAsync();
        await call.Ended.WaitAsync(CallEnds, Ct);

        // Issue 30: a tone never ends by itself; hanging up under it logs "Playback failed for tone:busy".
        var requests = controller.Sim.Requests.ToList();
        var play = requests.FindIndex(r => r.Method == "POST" && r.Path == $"/ari/channels/{call.ChannelId}/play");
        var playbackId = requests[play].Query["playbackId"];
        var stop = requests.FindIndex(r => r.Method == "DELETE" && r.Path == $"/ari/playbacks/{playbackId}");
        var hangup = requests.FindIndex(r => r.Method == "DELETE" && r.Path == $"/ari/channels/{call.ChannelId}");
        Assert.True(play >= 0 && stop > play && hangup > stop, $"play {play}, stop {stop}, hang-up {hangup}: " + string.Join(" ", requests.Select(r => r.Method + " " + r.Path)));
        Assert.Equal(204, requests[stop].Status);
        Assert.Equal(486, call.SipResponse);
        await controller.AssertNothingLeftAsync();
    }

    [Theory]
    [InlineData("sipp", "sipp")]
    [InlineData("anonymous", "Anonymous")]
    [InlineData("", "")]
    public async Task A_caller_without_a_number_is_anonymous_on_the_phone_in_the_log_and_in_the_call_log(string callerNumber, string callerName)
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(50)));

        var call = await controller.CallAsync(callerNumber: callerNumber, callerName: callerName);
        await controller.Sim.WaitForAsync(() => controller.Sim.LiveBridges.Any(b => b.Channels.Count == 2), CallEnds);
        await call.HangUpAsync();
        var row = await controller.CallLogRowAsync(call.ChannelId!);

        // The phone: no number presented (Asterisk shows "Anonymous" <sip:anonymous@anonymous.invalid>).
        var originate = Assert.Single(controller.Sim.Requests, r => r.Method == "POST" && r.Path == "/ari/channels");
        Assert.True(!originate.Query.TryGetValue("callerId", out var presented) || presented.Length == 0, $"callerId '{presented}'");
        // The call log and the controller's log: "anonymous".
        Assert.Equal("anonymous", row.CallerNumber);
        Assert.Contains(controller.Log.Entries, e => e.Scopes.Contains($"Call {call.ChannelId} to {RunningController.Number} from anonymous"));
        Assert.Equal(CallOutcome.Answered, row.Outcome);
    }

    [Fact]
    public async Task An_agent_already_on_a_call_is_busy_without_ringing_their_phone()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(50)));
        await controller.AdminAsync("numbers", "add", "+358401234568");
        await controller.AdminAsync("routes", "assign", "+358401234568", "--agent", "alice");

        var first = await controller.CallAsync();
        await controller.Sim.WaitForAsync(() => first.Answered, CallEnds);
        var second = await controller.CallAsync("+358401234568");
        await second.Ended.WaitAsync(CallEnds, Ct);

        Assert.Equal(486, second.SipResponse);
        Assert.Single(controller.Sim.Requests, r => r.Method == "POST" && r.Path == "/ari/channels");
        await first.HangUpAsync();
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_logged_out_agent_without_voicemail_gives_the_disconnected_tone()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync(loggedIn: false);

        var call = await controller.CallAsync();
        await call.Ended.WaitAsync(CallEnds, Ct);

        Assert.True(call.SawEarlyMedia);
        Assert.False(call.Answered);
        Assert.Equal(CallOutcome.Unreachable, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
        Assert.DoesNotContain(controller.Sim.Requests, r => r.Method == "POST" && r.Path == "/ari/channels");
    }

    [Fact]
    public async Task A_routing_change_made_with_the_CLI_applies_to_the_next_call_without_a_restart()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync(loggedIn: false);

        var before = await controller.CallAsync();
        await before.Ended.WaitAsync(CallEnds, Ct);
        await controller.AdminAsync("routes", "unassign", RunningController.Number);
        await controller.AdminAsync("numbers", "remove", RunningController.Number);
        var after = await controller.CallAsync();
        await after.Ended.WaitAsync(CallEnds, Ct);

        Assert.Equal(CallOutcome.Unreachable, (await controller.CallLogRowAsync(before.ChannelId!)).Outcome);
        Assert.Equal(CallOutcome.Unknown, (await controller.CallLogRowAsync(after.ChannelId!)).Outcome);
    }

    [Fact]
    public async Task Calls_for_different_numbers_run_side_by_side_and_each_leaves_one_row()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AdminAsync("numbers", "add", RunningController.Number);

        var calls = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => controller.CallAsync()));
        await Task.WhenAll(calls.Select(c => c.Ended)).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        foreach (var call in calls)
        {
            Assert.Equal(CallOutcome.Unassigned, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
        }

        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_custom_dialplan_destination_continues_the_call_to_its_context_extension_and_priority()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AdminAsync("numbers", "add", RunningController.Number);
        await controller.AdminAsync("destinations", "add", "ivr", "--dialplan", "support-ivr,s,3");
        await controller.AdminAsync("routes", "custom", RunningController.Number, "--destination", "ivr");

        var call = await controller.CallAsync();
        await controller.Sim.WaitForAsync(
            () => controller.Sim.Requests.Any(r => r.Path == $"/ari/channels/{call.ChannelId}/continue"), CallEnds);

        var proceed = controller.Sim.Requests.Single(r => r.Path == $"/ari/channels/{call.ChannelId}/continue");
        Assert.Equal(("support-ivr", "s", "3"), (proceed.Query["context"], proceed.Query["extension"], proceed.Query["priority"]));
        await call.HangUpAsync();
        Assert.Equal(CallOutcome.Custom, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
    }

    [Fact]
    public async Task A_custom_external_number_is_dialled_through_the_outbound_trunk_and_bridged()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AdminAsync("numbers", "add", RunningController.Number);
        await controller.AdminAsync("destinations", "add", "mobile", "--number", "+358401234599");
        await controller.AdminAsync("routes", "custom", RunningController.Number, "--destination", "mobile");
        controller.Sim.AddEndpoint("PJSIP/+358401234599@carrier", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(50)));

        var call = await controller.CallAsync();
        await controller.Sim.WaitForAsync(() => call.Answered, CallEnds);

        var originate = Assert.Single(controller.Sim.Requests, r => r.Method == "POST" && r.Path == "/ari/channels");
        Assert.Equal("PJSIP/+358401234599@carrier", originate.Query["endpoint"]);
        await call.HangUpAsync();
        Assert.Equal(CallOutcome.Custom, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_custom_external_number_the_dial_policy_now_refuses_gets_the_failure_tone_and_is_never_dialled()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AdminAsync("numbers", "add", RunningController.Number);
        await controller.AdminAsync("destinations", "add", "mobile", "--number", "+358401234599");
        await controller.AdminAsync("routes", "custom", RunningController.Number, "--destination", "mobile");
        controller.Sim.AddEndpoint("PJSIP/+358401234599@carrier", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(50)));

        // Made while Finland was allowed; the company then allows Sweden only. The next call is checked again.
        await controller.AdminAsync("outbound", "set", "--allowed-regions", "SE");
        var call = await controller.CallAsync();
        await call.Ended.WaitAsync(CallEnds, Ct);

        Assert.Contains("tone:congestion", controller.Sim.PlayedMedia(call.ChannelId!));
        Assert.False(call.Answered);
        Assert.DoesNotContain(controller.Sim.Requests, r => r.Method == "POST" && r.Path == "/ari/channels");
        var row = await controller.CallLogRowAsync(call.ChannelId!);
        Assert.Equal(CallOutcome.Failed, row.Outcome);
        Assert.Equal("dial policy: +358401234599 is in region FI, not in the allowed regions (SE)", row.Detail);
        await controller.AssertNothingLeftAsync();
    }

    [Theory]
    [InlineData("progress")]
    [InlineData("play")]
    public async Task A_caller_hanging_up_as_the_not_in_service_tone_starts_is_the_caller_leaving_not_a_failure(string crossedRequest)
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AdminAsync("numbers", "add", RunningController.Number);

        var call = await controller.CallAsync(hangUpWhenRequested: crossedRequest);
        await call.Ended.WaitAsync(CallEnds, Ct);

        Assert.Equal(CallOutcome.Unassigned, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_caller_hanging_up_as_the_voicemail_greeting_starts_is_abandoned_not_failed()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync(loggedIn: false, voicemail: "alice@example.com");

        var call = await controller.CallAsync(hangUpWhenRequested: "play");
        await call.Ended.WaitAsync(CallEnds, Ct);

        var row = await controller.CallLogRowAsync(call.ChannelId!);
        Assert.Equal(CallOutcome.Abandoned, row.Outcome);
        await controller.AssertNothingLeftAsync();
    }
}
