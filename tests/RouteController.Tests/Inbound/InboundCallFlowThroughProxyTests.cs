using LeadDesk.Ari.Simulator;
using RouteController.Tests.Support;
using CallOutcome = LeadDesk.Store.CallLog.CallOutcome;
using RouteController.Tests.Calls;

namespace RouteController.Tests.Inbound;

/// <summary>
/// A site whose agents' phones register to a SIP proxy (several Asterisks behind Kamailio): with
/// <c>Agents:DialString = PJSIP/{extension}@proxy</c> the controller rings agents through the proxy's endpoint, and
/// this Asterisk not knowing the phone is no reason to give the caller busy. Observed from Asterisk's side (what was
/// dialled, the INVITE's From), the caller's, and the call log.
/// </summary>
public sealed class InboundCallFlowThroughProxyTests
{
    private const string ThroughProxy = "PJSIP/{extension}@proxy";
    private static readonly TimeSpan CallEnds = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A controller dialling agents through the proxy; this Asterisk has the proxy's endpoint, not the phones'.</summary>
    private static async Task<RunningController> StartThroughProxyAsync()
    {
        var settings = RunningController.FastRouting();
        settings["Agents:DialString"] = ThroughProxy;
        var controller = await RunningController.StartAsync(settings: settings);
        controller.Sim.AddEndpoint("PJSIP/proxy", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(100)));
        await controller.AssignToAliceAsync();
        return controller;
    }

    private static IReadOnlyList<string> Originated(RunningController c) =>
        c.Sim.Requests.Where(r => r.Method == "POST" && r.Path == "/ari/channels").Select(r => r.Query["endpoint"]!).ToList();

    [Fact]
    public async Task The_agent_rings_through_the_proxy_with_the_callers_number_and_both_are_bridged_on_answer()
    {
        await using var controller = await StartThroughProxyAsync();

        var call = await controller.CallAsync(callerNumber: "358451112233");
        await controller.Sim.WaitForAsync(() => controller.Sim.LiveBridges.Any(b => b.Channels.Count == 2), CallEnds);

        Assert.True(call.SawRinging);
        Assert.True(call.Answered);
        Assert.Equal(["PJSIP/1001@proxy"], Originated(controller));
        // The INVITE goes to the proxy for user 1001, from the caller's number.
        var invite = Assert.Single(controller.Sim.TrunkCalls);
        Assert.Equal(("proxy", "1001", "+358451112233"), (invite.Trunk, invite.Number, invite.FromNumber));
        // The phone is not this Asterisk's: nothing asked it about a PJSIP/1001 of its own on the way.
        Assert.DoesNotContain(controller.Sim.Requests, r => r.Path.StartsWith("/ari/endpoints/PJSIP/1001", StringComparison.Ordinal));

        await call.HangUpAsync();
        var row = await controller.CallLogRowAsync(call.ChannelId!);
        Assert.Equal((CallOutcome.Answered, "alice", "PJSIP/1001@proxy"), (row.Outcome!.Value, row.AgentId, row.Destination));
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task With_the_default_dial_string_a_phone_this_Asterisk_does_not_know_is_busy_without_ringing()
    {
        // The contrast: PJSIP/{extension} dials this Asterisk's own endpoint, so an unknown one cannot be rung.
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync();

        var call = await controller.CallAsync();
        await call.Ended.WaitAsync(CallEnds, Ct);

        Assert.Equal(486, call.SipResponse);
        Assert.Empty(Originated(controller));
        Assert.Equal(CallOutcome.Busy, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task An_agent_on_a_call_through_the_proxy_is_busy_for_the_next_caller_without_a_second_ring()
    {
        await using var controller = await StartThroughProxyAsync();
        await controller.AdminAsync("numbers", "add", "+358401234568");
        await controller.AdminAsync("routes", "assign", "+358401234568", "--agent", "alice");

        var first = await controller.CallAsync();
        await controller.Sim.WaitForAsync(() => first.Answered, CallEnds);
        var second = await controller.CallAsync("+358401234568");
        await second.Ended.WaitAsync(CallEnds, Ct);

        // This Asterisk sees no channel on a PJSIP/1001: the agent's claim alone makes them busy.
        Assert.Equal(486, second.SipResponse);
        Assert.Equal(["PJSIP/1001@proxy"], Originated(controller));
        Assert.Equal(CallOutcome.Busy, (await controller.CallLogRowAsync(second.ChannelId!)).Outcome);
        await first.HangUpAsync();
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_phone_the_proxy_reports_busy_gives_the_caller_a_busy_tone_then_486()
    {
        await using var controller = await StartThroughProxyAsync();
        controller.Sim.AddLead("1001", PhoneScript.Busy486(TimeSpan.FromMilliseconds(100), ringFirst: true));

        var call = await controller.CallAsync();
        await call.Ended.WaitAsync(CallEnds, Ct);

        Assert.Equal(["PJSIP/1001@proxy"], Originated(controller));
        Assert.True(call.SawEarlyMedia);
        Assert.False(call.Answered);
        Assert.Equal(486, call.SipResponse);
        Assert.Contains("tone:busy", controller.Sim.PlayedMedia(call.ChannelId!));
        Assert.Equal(CallOutcome.Busy, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_call_this_Asterisk_sees_on_the_agents_own_endpoint_still_makes_them_busy()
    {
        await using var controller = await StartThroughProxyAsync();
        // This Asterisk has an endpoint 1001 too, matching the agent's own calls that the proxy sends here.
        controller.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(50)));
        await controller.StopHostAsync();
        await controller.StartHostAsync(new(RunningController.FastRouting()) { ["Agents:DialString"] = ThroughProxy });
        var connected = controller.Sim.Requests.Count;

        // Alice is on the phone through this Asterisk, on a call the controller does not claim: *97, her greeting.
        var onThePhone = await controller.Sim.PlaceInboundCallAsync(new InboundCall
        {
            App = "leaddesk", Args = ["greeting"], Endpoint = "1001", Context = "from-agents", Exten = "*97",
        });
        await controller.Sim.WaitForEventAsync("DeviceStateChanged", e => e["device_state"]!["name"]!.GetValue<string>() == "PJSIP/1001" && e["device_state"]!["state"]!.GetValue<string>() == "INUSE", CallEnds);

        var call = await controller.CallAsync();
        await call.Ended.WaitAsync(CallEnds, Ct);

        Assert.Equal(486, call.SipResponse);
        Assert.DoesNotContain(controller.Sim.Requests.Skip(connected), r => r.Method == "POST" && r.Path == "/ari/channels");
        await onThePhone.HangUpAsync();
        await controller.AssertNothingLeftAsync();
    }
}
