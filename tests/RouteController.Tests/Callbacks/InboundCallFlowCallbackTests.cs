using Dapper;
using LeadDesk.Ari.Simulator;
using LeadDesk.Store;
using RouteController.Tests.Support;
using LeadDesk.Store.CallLog;
using CallOutcome = LeadDesk.Store.CallLog.CallOutcome;
using RouteController.Tests.Calls;

namespace RouteController.Tests.Callbacks;

/// <summary>
/// Issue 16, rule by rule: a lead calls back a campaign number (a queue number with a callback window) after agents'
/// real answered outbound calls to them; the real controller against the ARI simulator, observed from the phones
/// that ring, the caller's side and the call log.
/// </summary>
public sealed class InboundCallFlowCallbackTests
{
    private const string CampaignCid = "+358401234570";
    private const string Lead = "+358451234567";
    private const string QueueMember = "PJSIP/1009";
    private static readonly TimeSpan CallEnds = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Alice (1001) and Bob (1002) call out as campaign sales, whose caller ID feeds queue support (7 d callback).</summary>
    private static async Task<RunningController> StartAsync(string callbackRingSeconds = "2", string? agentDialString = null)
    {
        var settings = RunningController.FastRouting();
        settings["Outbound:ToneSeconds"] = "0.3";
        settings["Routing:CallbackRingSeconds"] = callbackRingSeconds;
        if (agentDialString is not null)
        {
            settings["Agents:DialString"] = agentDialString;
        }

        var c = await RunningController.StartAsync(settings: settings);
        await c.AssignToAliceAsync();
        await c.AdminAsync("agents", "add", "bob", "--name", "Bob Agent", "--extension", "1002", "--email", "bob@example.com");
        await c.AdminAsync("agents", "login", "bob");
        await c.AdminAsync("numbers", "add", CampaignCid);
        await c.AdminAsync("queues", "add", "support");
        await c.AdminAsync("routes", "queue", CampaignCid, "--queue", "support");
        await c.AdminAsync("routes", "callback", CampaignCid, "--window", "7d");
        await c.AdminAsync("campaigns", "add", "sales", "--caller-id", CampaignCid);
        await c.AdminAsync("agents", "set", "alice", "--campaign", "sales");
        await c.AdminAsync("agents", "set", "bob", "--campaign", "sales");
        c.Sim.AddEndpoint("PJSIP/1002", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(100)));
        c.Sim.AddEndpoint(QueueMember, PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(100)));
        c.Sim.AddQueue("leaddesk-queues", "support", "support", QueueMember);
        c.Sim.AddLead(Lead, PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(100)));
        return c;
    }

    /// <summary>The agent really calls the lead, the lead answers, they talk, the lead hangs up.</summary>
    private static async Task<CallLogEntry> AnsweredOutboundCallAsync(RunningController c, string extension)
    {
        var agent = await c.AgentDialsAsync(Lead, extension);
        await c.Sim.WaitForAsync(() => agent.Answered && c.Sim.LiveBridges.Any(b => b.Channels.Count == 2), CallEnds);
        await agent.HangUpAsync();
        var row = await c.CallLogRowAsync(agent.ChannelId!);
        Assert.Equal((CallOutcome.Answered, CampaignCid), (row.Outcome!.Value, row.CallerIdUsed));
        await c.Sim.WaitForAsync(() => c.Sim.LiveChannels.Count == 0, CallEnds);
        return row;
    }

    private static IReadOnlyList<string> Rung(RunningController c) =>
        c.Sim.Requests.Where(r => r.Method == "POST" && r.Path == "/ari/channels" && r.Query.ContainsKey("endpoint"))
            .Select(r => r.Query["endpoint"]!).ToList();

    private static bool Queued(RunningController c) =>
        c.Sim.Requests.Any(r => r.Method == "POST" && r.Path.EndsWith("/continue", StringComparison.Ordinal) && r.Query["context"] == "leaddesk-queues");

    private static async Task<(SimulatedCall Call, CallLogEntry Row)> LeadCallsBackAndQueueTakesItAsync(RunningController c, string callerNumber = Lead)
    {
        var call = await c.CallAsync(CampaignCid, callerNumber: callerNumber);
        await c.Sim.WaitForAsync(() => Queued(c) && call.Answered, CallEnds);
        await call.HangUpAsync();
        return (call, await c.CallLogRowAsync(call.ChannelId!));
    }

    [Fact]
    public async Task The_lead_calling_back_rings_the_agent_who_spoke_with_them_and_the_row_says_callback()
    {
        await using var c = await StartAsync();
        c.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(100)));
        await AnsweredOutboundCallAsync(c, "1001");

        var call = await c.CallAsync(CampaignCid, callerNumber: "0451234567");
        await c.Sim.WaitForAsync(() => call.Answered && c.Sim.LiveBridges.Any(b => b.Channels.Count == 2), CallEnds);

        Assert.Equal(["PJSIP/1001"], Rung(c));
        Assert.True(call.SawRinging);
        Assert.False(Queued(c));
        await call.HangUpAsync();
        var row = await c.CallLogRowAsync(call.ChannelId!);
        Assert.Equal(("callback", "alice", CallOutcome.Answered), (row.RouteType, row.AgentId, row.Outcome!.Value));
        Assert.Null(row.Detail);
        await c.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Through_a_SIP_proxy_the_lead_calling_back_rings_the_agent_via_the_proxy()
    {
        await using var c = await StartAsync(agentDialString: "PJSIP/{extension}@proxy");
        c.Sim.AddEndpoint("PJSIP/proxy", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(100)));
        // Alice's call out reached this Asterisk through the proxy, on an endpoint 1001 that only identifies her.
        await AnsweredOutboundCallAsync(c, "1001");

        var call = await c.CallAsync(CampaignCid, callerNumber: "0451234567");
        await c.Sim.WaitForAsync(() => call.Answered && c.Sim.LiveBridges.Any(b => b.Channels.Count == 2), CallEnds);

        Assert.Equal(["PJSIP/1001@proxy"], Rung(c));
        Assert.False(Queued(c));
        await call.HangUpAsync();
        var row = await c.CallLogRowAsync(call.ChannelId!);
        Assert.Equal(("callback", "alice", "PJSIP/1001@proxy", CallOutcome.Answered), (row.RouteType, row.AgentId, row.Destination, row.Outcome!.Value));
        await c.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_busy_callback_agent_is_passed_over_with_ringback_and_the_queue_takes_the_call()
    {
        await using var c = await StartAsync();
        c.Sim.AddEndpoint("PJSIP/1001", PhoneScript.Busy486(TimeSpan.FromMilliseconds(100), ringFirst: true));
        await AnsweredOutboundCallAsync(c, "1001");

        var (call, row) = await LeadCallsBackAndQueueTakesItAsync(c);

        Assert.Equal(["PJSIP/1001"], Rung(c));
        // No busy tone and no voicemail from the callback step: ringback, then the queue.
        Assert.DoesNotContain(c.Sim.PlayedMedia(call.ChannelId!), m => m.Contains("busy", StringComparison.Ordinal) || m.Contains("vm-", StringComparison.Ordinal));
        Assert.Equal(("queue", CallOutcome.Queued), (row.RouteType, row.Outcome!.Value));
        Assert.Equal("callback to alice busy; own route queue support", row.Detail);
    }

    [Fact]
    public async Task A_logged_out_callback_agent_is_not_rung_and_the_queue_takes_the_call_at_once()
    {
        await using var c = await StartAsync();
        c.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(100)));
        await AnsweredOutboundCallAsync(c, "1001");
        await c.AdminAsync("agents", "set", "alice", "--unreachable", "voicemail:alice@example.com");
        await c.AdminAsync("agents", "logout", "alice");

        var (_, row) = await LeadCallsBackAndQueueTakesItAsync(c);

        Assert.Empty(Rung(c));
        Assert.Equal(("queue", CallOutcome.Queued, (string?)null), (row.RouteType, row.Outcome!.Value, row.AgentId));
    }

    [Fact]
    public async Task A_callback_agent_who_does_not_answer_within_CallbackRingSeconds_falls_through_to_the_queue()
    {
        await using var c = await StartAsync(callbackRingSeconds: "1");
        c.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(100)));
        await AnsweredOutboundCallAsync(c, "1001");
        c.Sim.AddEndpoint("PJSIP/1001", PhoneScript.RingForever());

        var (_, row) = await LeadCallsBackAndQueueTakesItAsync(c);

        var ring = c.Sim.Requests.Single(r => r.Method == "POST" && r.Path == "/ari/channels" && r.Query["endpoint"] == "PJSIP/1001");
        Assert.Equal("1", ring.Query["timeout"]);
        Assert.Equal(CallOutcome.Queued, row.Outcome);
        Assert.Equal("callback to alice not answered; own route queue support", row.Detail);
    }

    [Fact]
    public async Task When_two_agents_called_the_lead_the_most_recent_answered_call_wins()
    {
        await using var c = await StartAsync();
        c.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(100)));
        await AnsweredOutboundCallAsync(c, "1001");
        await AnsweredOutboundCallAsync(c, "1002");
        // Alice's later attempt was not answered: it does not count.
        c.Sim.AddLead(Lead, PhoneScript.Busy486());
        var unanswered = await c.AgentDialsAsync(Lead, "1001");
        await unanswered.Ended.WaitAsync(CallEnds, Ct);
        await c.CallLogRowAsync(unanswered.ChannelId!);

        var call = await c.CallAsync(CampaignCid, callerNumber: Lead);
        await c.Sim.WaitForAsync(() => call.Answered && c.Sim.LiveBridges.Any(b => b.Channels.Count == 2), CallEnds);

        Assert.Equal(["PJSIP/1002"], Rung(c));
        await call.HangUpAsync();
        var row = await c.CallLogRowAsync(call.ChannelId!);
        Assert.Equal(("callback", "bob"), (row.RouteType, row.AgentId));
    }

    [Fact]
    public async Task After_the_window_the_callback_agent_is_not_rung()
    {
        await using var c = await StartAsync();
        c.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(100)));
        var outbound = await AnsweredOutboundCallAsync(c, "1001");
        // The shortest window is an hour; the real call is moved two hours into the past instead of waiting for it.
        await c.AdminAsync("routes", "callback", CampaignCid, "--window", "1h");
        var store = RoutingStore.Open(c.DatabasePath);
        await using (var connection = await store.OpenConnectionAsync(Ct))
        {
            await connection.ExecuteAsync(
                "UPDATE call_log SET started_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-2 hours') WHERE id = @id", new { id = outbound.Id });
        }

        var (_, row) = await LeadCallsBackAndQueueTakesItAsync(c);

        Assert.Empty(Rung(c));
        Assert.Equal(CallOutcome.Queued, row.Outcome);
    }

    [Fact]
    public async Task An_anonymous_caller_goes_to_the_queue_at_once()
    {
        await using var c = await StartAsync();
        c.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(100)));
        await AnsweredOutboundCallAsync(c, "1001");

        var (_, row) = await LeadCallsBackAndQueueTakesItAsync(c, callerNumber: "anonymous");

        Assert.Empty(Rung(c));
        Assert.Equal(CallOutcome.Queued, row.Outcome);
    }

    [Fact]
    public async Task When_the_callback_agent_is_the_numbers_own_agent_they_ring_once()
    {
        await using var c = await StartAsync();
        await c.AdminAsync("agents", "set", "alice", "--outbound-cid", RunningController.Number);
        await c.AdminAsync("routes", "callback", RunningController.Number, "--window", "7d");
        c.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(100)));
        var agent = await c.AgentDialsAsync(Lead, "1001");
        await c.Sim.WaitForAsync(() => agent.Answered, CallEnds);
        await agent.HangUpAsync();
        await c.CallLogRowAsync(agent.ChannelId!);
        c.Sim.AddEndpoint("PJSIP/1001", PhoneScript.Busy486(TimeSpan.FromMilliseconds(100), ringFirst: true));

        var call = await c.CallAsync(RunningController.Number, callerNumber: Lead);
        await call.Ended.WaitAsync(CallEnds, Ct);

        Assert.Equal(["PJSIP/1001"], Rung(c));
        var row = await c.CallLogRowAsync(call.ChannelId!);
        Assert.Equal(("agent", CallOutcome.Busy), (row.RouteType, row.Outcome!.Value));
    }
}
