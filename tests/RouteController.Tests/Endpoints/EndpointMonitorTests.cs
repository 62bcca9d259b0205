using LeadDesk.Ari.Simulator;
using RouteController.Tests.Support;

namespace RouteController.Tests.Endpoints;

/// <summary>
/// The agents' phone states come from Asterisk's events, not from a request per call: nothing serial stands
/// between the route decision and the agent's originate, and Asterisk is asked less per call.
/// </summary>
public sealed class EndpointMonitorTests
{
    private static readonly TimeSpan CallEnds = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_agent_call_asks_Asterisk_nothing_about_the_phone_between_the_decision_and_the_originate()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(50)));
        // Alice was added after the controller connected: the first call asks for her phone once and follows it.
        var warmUp = await controller.CallAsync();
        await controller.Sim.WaitForAsync(() => warmUp.Answered, CallEnds);
        await warmUp.HangUpAsync();
        await controller.AssertNothingLeftAsync();

        var before = controller.Sim.Requests.Count;
        var call = await controller.CallAsync();
        await controller.Sim.WaitForAsync(() => call.Answered, CallEnds);

        var requests = controller.Sim.Requests.Skip(before).ToList();
        var originate = requests.FindIndex(r => r.Method == "POST" && r.Path == "/ari/channels");
        Assert.True(originate >= 0, "the agent was originated");
        Assert.DoesNotContain(requests, r => r.Path.StartsWith("/ari/endpoints", StringComparison.Ordinal));
        // Before the originate only the caller's ringback went out.
        Assert.All(requests.Take(originate), r => Assert.Equal($"/ari/channels/{call.ChannelId}/ring", r.Path));
        await call.HangUpAsync();
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task An_agent_whose_phone_is_in_use_outside_our_calls_is_busy_from_the_device_state_events_alone()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(50)));
        // A restart follows every agent's phone from the start.
        await controller.StopHostAsync();
        await controller.StartHostAsync();
        Assert.Contains(controller.Sim.Requests, r => r.Path == "/ari/applications/leaddesk/subscription" && r.Query["eventSource"].Contains("deviceState:PJSIP/1001", StringComparison.Ordinal));
        // Never the endpoint itself: Asterisk would put every message of every channel on it through the
        // application's one message queue (issue 27).
        Assert.DoesNotContain(controller.Sim.Requests, r => r.Path == "/ari/applications/leaddesk/subscription" && r.Query["eventSource"].Contains("endpoint:", StringComparison.Ordinal));
        var connected = controller.Sim.Requests.Count;

        // Alice is on the phone: she dialled *97 to hear her greeting.
        var onThePhone = await controller.Sim.PlaceInboundCallAsync(new InboundCall
        {
            App = "leaddesk", Args = ["greeting"], Endpoint = "1001", Context = "from-agents", Exten = "*97",
        });
        await controller.Sim.WaitForEventAsync("DeviceStateChanged", e => e["device_state"]!["name"]!.GetValue<string>() == "PJSIP/1001" && e["device_state"]!["state"]!.GetValue<string>() == "INUSE", CallEnds);

        var call = await controller.CallAsync();
        await call.Ended.WaitAsync(CallEnds, Ct);

        Assert.Equal(486, call.SipResponse);
        var since = controller.Sim.Requests.Skip(connected).ToList();
        Assert.DoesNotContain(since, r => r.Method == "POST" && r.Path == "/ari/channels");
        Assert.DoesNotContain(since, r => r.Path.StartsWith("/ari/endpoints", StringComparison.Ordinal));
        await onThePhone.HangUpAsync();
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task The_controller_asks_Asterisk_for_only_the_event_types_it_reads()
    {
        await using var controller = await RunningController.StartAsync();

        var filter = Assert.Single(controller.Sim.Requests, r => r.Method == "PUT" && r.Path == "/ari/applications/leaddesk/eventFilter");
        Assert.Contains("\"StasisStart\"", filter.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("ChannelVarset", filter.Body, StringComparison.Ordinal);

        await controller.AdminAsync("numbers", "add", RunningController.Number);
        var call = await controller.CallAsync();
        await call.Ended.WaitAsync(CallEnds, Ct);
        var events = controller.Sim.Events.Where(e => e.Application == "leaddesk").ToList();
        Assert.Contains(events, e => e.Type == "PlaybackStarted" && !e.Delivered);
        Assert.All(events.Where(e => e.Delivered), e => Assert.Contains(e.Type, new[] { "StasisStart", "StasisEnd", "ChannelHangupRequest", "ChannelDestroyed", "ChannelStateChange", "PlaybackFinished" }));
    }
}
