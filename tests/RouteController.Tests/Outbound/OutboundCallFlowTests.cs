using LeadDesk.Ari.Simulator;
using RouteController.Tests.Support;
using LeadDesk.Store.CallLog;
using CallerSees = LeadDesk.Ari.Simulator.CallOutcome;
using CallOutcome = LeadDesk.Store.CallLog.CallOutcome;

namespace RouteController.Tests.Outbound;

/// <summary>
/// Issue 15, bullet by bullet: an agent dials a lead from their phone; the real controller against the ARI
/// simulator, observed from the agent's phone, from the carrier's side of the trunk, and from the call log.
/// </summary>
public sealed class OutboundCallFlowTests
{
    private const string AgentCid = RunningController.Number;      // +358401234567, routed to alice
    private const string CampaignCid = "+358401234570";
    private const string DefaultCid = "+358401234580";
    private const string Lead = "+358451234567";
    private const string LeadAsDialled = "0451234567";
    private static readonly TimeSpan CallEnds = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<RunningController> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = RunningController.FastRouting();
        settings["Outbound:ToneSeconds"] = "0.3";
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        var controller = await RunningController.StartAsync(settings: settings);
        await controller.AssignToAliceAsync();
        return controller;
    }

    private static async Task WithCardCallerIdAsync(RunningController c) => await c.AdminAsync("agents", "set", "alice", "--outbound-cid", AgentCid);

    private static RecordedRequest Create(RunningController c) => Assert.Single(c.Sim.Requests, r => r.Method == "POST" && r.Path == "/ari/channels/create");

    private static bool NothingCreated(RunningController c) => !c.Sim.Requests.Any(r => r.Method == "POST" && r.Path is "/ari/channels/create" or "/ari/channels");

    [Fact]
    public async Task A_national_number_goes_out_through_the_trunk_with_the_cards_caller_id_and_both_talk_on_answer()
    {
        await using var c = await StartAsync();
        await WithCardCallerIdAsync(c);
        c.Sim.AddLead(Lead, PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(300)) with { EarlyMedia = true });

        var agent = await c.AgentDialsAsync(LeadAsDialled);
        await c.Sim.WaitForAsync(() => agent.Answered && c.Sim.LiveBridges.Any(b => b.Channels.Count == 2), CallEnds);

        Assert.Equal("PJSIP/+358451234567@carrier", Create(c).Query["endpoint"]);
        var trunk = Assert.Single(c.Sim.TrunkCalls);
        Assert.Equal(Lead, trunk.Number);
        Assert.Equal(AgentCid, trunk.FromNumber);
        Assert.Equal("", trunk.FromName);
        // The agent heard the lead's own early media through the bridge before anyone answered.
        Assert.Contains(trunk.ChannelId, agent.HeardFromBridge);

        var requests = c.Sim.Requests.Select(r => $"{r.Method} {r.Path}").ToList();
        var bridged = requests.FindIndex(r => r.StartsWith("POST /ari/bridges/", StringComparison.Ordinal) && r.EndsWith("/addChannel", StringComparison.Ordinal));
        var dialled = requests.IndexOf($"POST /ari/channels/{trunk.ChannelId}/dial");
        var answered = requests.IndexOf($"POST /ari/channels/{agent.ChannelId}/answer");
        Assert.True(bridged >= 0 && bridged < dialled && dialled < answered, string.Join("\n", requests));
        Assert.Equal("45", c.Sim.Requests.Single(r => r.Path.EndsWith("/dial", StringComparison.Ordinal)).Query["timeout"]);

        // The lead hangs up: the agent's phone is hung up too.
        await agent.HangUpAsync();
        var row = await c.CallLogRowAsync(agent.ChannelId!);
        Assert.Equal(CallOutcome.Answered, row.Outcome);
        Assert.Equal(CallDirection.Outbound, row.Direction);
        Assert.Equal(Lead, row.LeadNumber);
        Assert.Equal(AgentCid, row.CallerIdUsed);
        Assert.Equal("alice", row.AgentId);
        Assert.NotNull(row.TalkDuration);
        await c.AssertNothingLeftAsync();
    }

    [Theory]
    [InlineData("+358451234567")]
    [InlineData("00358451234567")]
    [InlineData("045 123 4567")]
    public async Task Every_form_people_dial_reaches_the_same_lead(string dialled)
    {
        await using var c = await StartAsync();
        await WithCardCallerIdAsync(c);
        c.Sim.AddLead(Lead, PhoneScript.Busy486());

        var agent = await c.AgentDialsAsync(dialled);
        await agent.Ended.WaitAsync(CallEnds, Ct);

        Assert.Equal(Lead, Assert.Single(c.Sim.TrunkCalls).Number);
    }

    [Fact]
    public async Task The_lead_hanging_up_ends_the_agents_side()
    {
        await using var c = await StartAsync();
        await WithCardCallerIdAsync(c);
        c.Sim.AddLead(Lead, PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(50), hangUpAfterAnswer: TimeSpan.FromMilliseconds(300)));

        var agent = await c.AgentDialsAsync(LeadAsDialled);
        await agent.Ended.WaitAsync(CallEnds, Ct);

        Assert.True(agent.Answered);
        Assert.Equal(CallerSees.HungUpByAsterisk, agent.Outcome);
        Assert.Equal(CallOutcome.Answered, (await c.CallLogRowAsync(agent.ChannelId!)).Outcome);
        await c.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task The_agents_extension_is_never_presented_to_the_trunk_when_the_legs_are_bridged()
    {
        await using var c = await StartAsync();
        await WithCardCallerIdAsync(c);
        c.Sim.AddLead(Lead, PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(50)));

        var agent = await c.AgentDialsAsync(LeadAsDialled);
        await c.Sim.WaitForAsync(() => agent.Answered, CallEnds);

        var trunk = Assert.Single(c.Sim.TrunkCalls);
        Assert.DoesNotContain("1001", trunk.ConnectedLineUpdates);
        Assert.NotEqual("1001", trunk.FromNumber);
        var add = c.Sim.Requests.Single(r => r.Path.EndsWith("/addChannel", StringComparison.Ordinal));
        Assert.Equal("true", add.Query["inhibitConnectedLineUpdates"]);
        await agent.HangUpAsync();
        await c.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_busy_lead_gives_the_agent_busy_tone()
    {
        await using var c = await StartAsync();
        await WithCardCallerIdAsync(c);
        c.Sim.AddLead(Lead, PhoneScript.Busy486(ringFirst: true));

        var agent = await c.AgentDialsAsync(LeadAsDialled);
        await agent.Ended.WaitAsync(CallEnds, Ct);

        Assert.False(agent.Answered);
        Assert.Contains("tone:busy", c.Sim.PlayedMedia(agent.ChannelId!));
        Assert.Equal(486, agent.SipResponse);
        Assert.Equal(CallOutcome.Busy, (await c.CallLogRowAsync(agent.ChannelId!)).Outcome);
        await c.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_lead_that_does_not_answer_within_the_ring_timeout_gives_a_tone_then_the_call_ends()
    {
        await using var c = await StartAsync(new() { ["Outbound:RingTimeoutSeconds"] = "1" });
        await WithCardCallerIdAsync(c);
        c.Sim.AddLead(Lead, PhoneScript.RingForever());

        var agent = await c.AgentDialsAsync(LeadAsDialled);
        await agent.Ended.WaitAsync(CallEnds, Ct);

        Assert.Equal("1", c.Sim.Requests.Single(r => r.Path.EndsWith("/dial", StringComparison.Ordinal)).Query["timeout"]);
        Assert.Contains("tone:congestion", c.Sim.PlayedMedia(agent.ChannelId!));
        Assert.Equal(CallOutcome.NoAnswer, (await c.CallLogRowAsync(agent.ChannelId!)).Outcome);
        await c.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task The_agent_hanging_up_while_the_lead_rings_cancels_the_leads_leg_at_once()
    {
        await using var c = await StartAsync();
        await WithCardCallerIdAsync(c);
        c.Sim.AddLead(Lead, PhoneScript.RingForever());

        var agent = await c.AgentDialsAsync(LeadAsDialled);
        await c.Sim.WaitForAsync(() => agent.SawRinging, CallEnds);
        var trunk = Assert.Single(c.Sim.TrunkCalls);
        await agent.HangUpAsync();

        // Well inside the 45 s ring timeout: the lead's phone stopped because the agent gave up.
        await c.Sim.WaitForAsync(() => c.Sim.LiveChannels.All(ch => ch.Id != trunk.ChannelId), TimeSpan.FromSeconds(3));
        Assert.Equal(CallOutcome.Cancelled, (await c.CallLogRowAsync(agent.ChannelId!)).Outcome);
        await c.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task An_unknown_phone_hears_an_error_tone_and_nothing_is_dialled()
    {
        await using var c = await StartAsync();

        var stranger = await c.AgentDialsAsync(LeadAsDialled, extension: "1999");
        await stranger.Ended.WaitAsync(CallEnds, Ct);

        Assert.Contains("tone:congestion", c.Sim.PlayedMedia(stranger.ChannelId!));
        Assert.True(NothingCreated(c));
        Assert.Equal(CallOutcome.Refused, (await c.CallLogRowAsync(stranger.ChannelId!)).Outcome);
        await c.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Without_the_cards_caller_id_the_campaigns_is_presented_with_its_caller_name()
    {
        await using var c = await StartAsync();
        await c.AdminAsync("numbers", "add", CampaignCid);
        await c.AdminAsync("campaigns", "add", "sales", "--caller-id", CampaignCid, "--caller-name", "Acme Sales");
        await c.AdminAsync("agents", "set", "alice", "--campaign", "sales");
        c.Sim.AddLead(Lead, PhoneScript.Busy486());

        var agent = await c.AgentDialsAsync(LeadAsDialled);
        await agent.Ended.WaitAsync(CallEnds, Ct);

        var trunk = Assert.Single(c.Sim.TrunkCalls);
        Assert.Equal(CampaignCid, trunk.FromNumber);
        Assert.Equal("Acme Sales", trunk.FromName);
        Assert.Equal(CampaignCid, (await c.CallLogRowAsync(agent.ChannelId!)).CallerIdUsed);
    }

    [Fact]
    public async Task A_campaign_number_since_marked_not_owned_is_passed_over_for_the_company_default()
    {
        await using var c = await StartAsync();
        await c.AdminAsync("numbers", "add", CampaignCid, DefaultCid);
        await c.AdminAsync("campaigns", "add", "sales", "--caller-id", CampaignCid);
        await c.AdminAsync("agents", "set", "alice", "--campaign", "sales");
        await c.AdminAsync("outbound", "set", "--default-caller-id", DefaultCid);
        await c.AdminAsync("numbers", "add", CampaignCid, "--not-owned");
        c.Sim.AddLead(Lead, PhoneScript.Busy486());

        var agent = await c.AgentDialsAsync(LeadAsDialled);
        await agent.Ended.WaitAsync(CallEnds, Ct);

        var trunk = Assert.Single(c.Sim.TrunkCalls);
        Assert.Equal(DefaultCid, trunk.FromNumber);
        Assert.Equal("", trunk.FromName);
    }

    [Fact]
    public async Task With_no_caller_id_at_all_the_call_is_refused_and_nothing_is_dialled()
    {
        await using var c = await StartAsync();

        var agent = await c.AgentDialsAsync(LeadAsDialled);
        await agent.Ended.WaitAsync(CallEnds, Ct);

        Assert.True(NothingCreated(c));
        Assert.False(agent.Answered);
        var row = await c.CallLogRowAsync(agent.ChannelId!);
        Assert.Equal(CallOutcome.Refused, row.Outcome);
        Assert.Contains("no caller ID", row.Detail, StringComparison.Ordinal);
        await c.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task With_no_trunk_configured_every_outbound_call_is_refused()
    {
        await using var c = await StartAsync(new() { ["Routing:OutboundTrunk"] = "" });
        await WithCardCallerIdAsync(c);

        var agent = await c.AgentDialsAsync(LeadAsDialled);
        await agent.Ended.WaitAsync(CallEnds, Ct);

        Assert.True(NothingCreated(c));
        var row = await c.CallLogRowAsync(agent.ChannelId!);
        Assert.Equal(CallOutcome.Refused, row.Outcome);
        Assert.Contains("Routing:OutboundTrunk", row.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trunk_asterisk_cannot_reach_fails_the_call_with_a_tone()
    {
        await using var c = await StartAsync();
        await WithCardCallerIdAsync(c);
        c.Sim.AddEndpoint("PJSIP/carrier", PhoneScript.NoContact());

        var agent = await c.AgentDialsAsync(LeadAsDialled);
        await agent.Ended.WaitAsync(CallEnds, Ct);

        Assert.Contains("tone:congestion", c.Sim.PlayedMedia(agent.ChannelId!));
        Assert.Equal(CallOutcome.Failed, (await c.CallLogRowAsync(agent.ChannelId!)).Outcome);
        await c.AssertNothingLeftAsync();
    }

    [Theory]
    [InlineData("0451234567#")]
    [InlineData("045${EXTEN}")]
    [InlineData("045,1234567")]
    [InlineData("045&1234567")]
    [InlineData("sip:lead@example.com")]
    [InlineData("012345678901234567890123456789012345678901234567890123456789")]
    public async Task A_dialled_string_that_is_no_phone_number_never_reaches_a_dial_string(string dialled)
    {
        await using var c = await StartAsync();
        await WithCardCallerIdAsync(c);

        var agent = await c.AgentDialsAsync(dialled);
        await agent.Ended.WaitAsync(CallEnds, Ct);

        Assert.True(NothingCreated(c));
        Assert.Empty(c.Sim.TrunkCalls);
        Assert.Contains("sound:cannot-complete-as-dialed", c.Sim.PlayedMedia(agent.ChannelId!));
        var row = await c.CallLogRowAsync(agent.ChannelId!);
        Assert.Equal(CallOutcome.Refused, row.Outcome);
        Assert.Contains("not a phone number", row.Detail, StringComparison.Ordinal);
        await c.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_premium_rate_number_is_refused_and_the_row_says_why()
    {
        await using var c = await StartAsync();
        await WithCardCallerIdAsync(c);
        var premium = PhoneNumbers.PhoneNumberUtil.GetInstance().Format(
            PhoneNumbers.PhoneNumberUtil.GetInstance().GetExampleNumberForType("FI", PhoneNumbers.PhoneNumberType.PREMIUM_RATE),
            PhoneNumbers.PhoneNumberFormat.E164);

        var agent = await c.AgentDialsAsync(premium);
        await agent.Ended.WaitAsync(CallEnds, Ct);

        Assert.True(NothingCreated(c));
        var row = await c.CallLogRowAsync(agent.ChannelId!);
        Assert.Equal(CallOutcome.Refused, row.Outcome);
        Assert.Contains("premium-rate", row.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_abroad_is_refused_until_its_region_is_allowed()
    {
        await using var c = await StartAsync();
        await WithCardCallerIdAsync(c);
        const string Swedish = "+46701234567";
        c.Sim.AddLead(Swedish, PhoneScript.Busy486());

        var refused = await c.AgentDialsAsync(Swedish);
        await refused.Ended.WaitAsync(CallEnds, Ct);
        Assert.True(NothingCreated(c));
        Assert.Contains("region SE", (await c.CallLogRowAsync(refused.ChannelId!)).Detail, StringComparison.Ordinal);

        await c.AdminAsync("outbound", "set", "--allowed-regions", "FI,SE");
        var allowed = await c.AgentDialsAsync(Swedish);
        await allowed.Ended.WaitAsync(CallEnds, Ct);
        Assert.Equal(Swedish, Assert.Single(c.Sim.TrunkCalls).Number);
    }

    [Fact]
    public async Task A_callback_arriving_while_the_agent_is_on_an_outbound_call_gets_busy()
    {
        await using var c = await StartAsync();
        await WithCardCallerIdAsync(c);
        c.Sim.AddLead(Lead, PhoneScript.RingForever());
        c.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(50)));

        var agent = await c.AgentDialsAsync(LeadAsDialled);
        await c.Sim.WaitForAsync(() => c.Sim.TrunkCalls.Count == 1, CallEnds);
        var callback = await c.CallAsync(AgentCid, callerNumber: "358451234567");
        await callback.Ended.WaitAsync(CallEnds, Ct);

        Assert.False(callback.Answered);
        Assert.Equal(486, callback.SipResponse);
        Assert.Equal(CallOutcome.Busy, (await c.CallLogRowAsync(callback.ChannelId!)).Outcome);
        await agent.HangUpAsync();
        await c.AssertNothingLeftAsync();
    }
}
