using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Legs;
using LeadDesk.RouteController.Outbound;
using LeadDesk.Store.CallLog;
using LeadDesk.Store.Outbound;

namespace RouteController.Tests.Outbound;

/// <summary>An agent's outbound call decided without Asterisk: the ordered refusals and the not-reached table, row by row.</summary>
public sealed class OutboundDecisionTests
{
    private const string Lead = "+358401234567";
    private static readonly DialVerdict Allowed = new DialVerdict.Allowed(Lead, "FI");
    private static readonly DialVerdict PremiumRate = new DialVerdict.Refused(DialRefusal.PremiumRate, "a premium-rate number");
    private static readonly CallerIdDecision Card = new("+358900000001", CallerIdSource.Card, "", []);
    private static readonly CallerIdDecision NoCallerId = new(null, null, "", []);

    public static TheoryData<string?, DialVerdict, string?, CallerIdDecision?, OutboundRefusal, AgentTone, string> Refusals => new()
    {
        // Each row fails exactly at its own check; every check before it passes.
        { null, Allowed, "carrier", Card, OutboundRefusal.NotAnAgent, AgentTone.Failure, "not an agent's phone" },
        { "alice", PremiumRate, "carrier", Card, OutboundRefusal.DialPolicy, AgentTone.Refused, "a premium-rate number" },
        { "alice", Allowed, "", Card, OutboundRefusal.NoTrunk, AgentTone.Failure, "Routing:OutboundTrunk is not set" },
        { "alice", Allowed, " ", Card, OutboundRefusal.NoTrunk, AgentTone.Failure, "Routing:OutboundTrunk is not set" },
        { "alice", Allowed, null, Card, OutboundRefusal.NoTrunk, AgentTone.Failure, "Routing:OutboundTrunk is not set" },
        { "alice", Allowed, "carrier", NoCallerId, OutboundRefusal.NoCallerId, AgentTone.Failure, "no caller ID: no usable caller ID: outbound calls are refused" },
        { "alice", Allowed, "carrier", null, OutboundRefusal.NoCallerId, AgentTone.Failure, "no caller ID: the agent is gone" },
        // The order: an earlier refusal wins over every later one.
        { null, PremiumRate, "", NoCallerId, OutboundRefusal.NotAnAgent, AgentTone.Failure, "not an agent's phone" },
        { "alice", PremiumRate, "", NoCallerId, OutboundRefusal.DialPolicy, AgentTone.Refused, "a premium-rate number" },
        { "alice", Allowed, "", NoCallerId, OutboundRefusal.NoTrunk, AgentTone.Failure, "Routing:OutboundTrunk is not set" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_refusal(string? agentId, DialVerdict verdict, string? trunk, CallerIdDecision? callerId, OutboundRefusal reason, AgentTone tone, string detail) =>
        Assert.Equal(
            new OutboundDecision.Refuse(reason, CallOutcome.Refused, tone, detail),
            OutboundDecision.Decide(new OutboundFacts(agentId, verdict, trunk, callerId)));

    [Fact]
    public void With_no_refusal_the_lead_is_dialled_through_the_trunk_presenting_the_chosen_number()
    {
        var dial = Assert.IsType<OutboundDecision.Dial>(OutboundDecision.Decide(new OutboundFacts("alice", Allowed, "carrier", Card)));

        Assert.Equal(("alice", Lead, "PJSIP/+358401234567@carrier", "+358900000001", Card), (dial.AgentId, dial.Lead, dial.Endpoint, dial.Presented, dial.CallerId));
    }

    [Fact]
    public void An_agent_already_on_a_call_is_refused_last_with_a_busy_tone() =>
        Assert.Equal(
            new OutboundDecision.Refuse(OutboundRefusal.AlreadyOnCall, CallOutcome.Busy, AgentTone.Busy, "the agent is already on a call"),
            OutboundDecision.AlreadyOnCall);

    [Theory]
    [InlineData(LegFailure.Busy, HangupCause.UserBusy, CallOutcome.Busy, AgentTone.Busy, null)]
    [InlineData(LegFailure.Rejected, HangupCause.CallRejected, CallOutcome.Busy, AgentTone.Busy, null)]
    [InlineData(LegFailure.NoAnswer, HangupCause.NoAnswer, CallOutcome.NoAnswer, AgentTone.Failure, "lead not reached: NoAnswer (19)")]
    [InlineData(LegFailure.Unreachable, HangupCause.Unallocated, CallOutcome.Failed, AgentTone.Failure, "lead not reached: Unreachable (1)")]
    [InlineData(LegFailure.Failed, 38, CallOutcome.Failed, AgentTone.Failure, "lead not reached: Failed (38)")]
    public void A_lead_not_reached(LegFailure failure, int cause, CallOutcome outcome, AgentTone tone, string? detail) =>
        Assert.Equal((outcome, tone, detail), OutboundDecision.LeadNotReached(failure, new HangupCause(cause)));
}
