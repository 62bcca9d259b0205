using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Legs;
using LeadDesk.Store.CallLog;
using LeadDesk.Store.Outbound;
using LeadDesk.Store.Routing;

namespace LeadDesk.RouteController.Outbound;

/// <summary>Which of <see cref="AgentTreatments"/> an agent hears when their outbound call cannot go on.</summary>
public enum AgentTone
{
    /// <summary>The dial policy refused the number.</summary>
    Refused,

    /// <summary>The lead (or the agent's line) is busy.</summary>
    Busy,

    /// <summary>Anything else: a fast busy.</summary>
    Failure,
}

/// <summary>Why an agent's outbound call is refused, in the order the refusals are checked.</summary>
public enum OutboundRefusal
{
    /// <summary>The calling phone is no agent's.</summary>
    NotAnAgent,

    /// <summary>The dial policy refused the number.</summary>
    DialPolicy,

    /// <summary><c>Routing:OutboundTrunk</c> is not set.</summary>
    NoTrunk,

    /// <summary>No caller ID may be presented.</summary>
    NoCallerId,

    /// <summary>The agent is already on a call through us (checked last, by claiming the agent).</summary>
    AlreadyOnCall,
}

/// <summary>What the flow knows before an outbound call: who calls, what the dial policy said, the trunk and the caller ID.</summary>
/// <param name="AgentId">The agent whose phone calls; null when it is no agent's phone.</param>
/// <param name="Verdict">The dial policy's verdict on the dialled number.</param>
/// <param name="OutboundTrunk">The <c>Routing:OutboundTrunk</c> endpoint.</param>
/// <param name="CallerId">The caller-ID choice for the agent; null when there is no agent (any more).</param>
internal sealed record OutboundFacts(string? AgentId, DialVerdict Verdict, string? OutboundTrunk, CallerIdDecision? CallerId);

/// <summary>
/// An agent's outbound call, decided without Asterisk: the five ordered refusals (not an agent, dial policy, no
/// trunk, no caller ID, already on a call), each with its call-log outcome and tone, and the table from how the
/// lead was not reached to the outcome and tone. <see cref="OutboundCallFlow"/> gathers the facts and acts.
/// </summary>
internal abstract record OutboundDecision
{
    private OutboundDecision()
    {
    }

    /// <summary>Dial the lead through the trunk, presenting the chosen caller ID (once the agent is claimed).</summary>
    public sealed record Dial(string AgentId, string Lead, string Endpoint, string Presented, CallerIdDecision CallerId) : OutboundDecision;

    /// <summary>Refused: the agent hears <paramref name="Tone"/>, the row ends with <paramref name="Outcome"/> and <paramref name="Detail"/>.</summary>
    public sealed record Refuse(OutboundRefusal Reason, CallOutcome Outcome, AgentTone Tone, string Detail) : OutboundDecision;

    /// <summary>The fifth refusal, after all others passed: the agent could not be claimed.</summary>
    public static Refuse AlreadyOnCall { get; } = new(OutboundRefusal.AlreadyOnCall, CallOutcome.Busy, AgentTone.Busy, "the agent is already on a call");

    /// <summary>The first four refusals, in order; a <see cref="Dial"/> when none applies.</summary>
    public static OutboundDecision Decide(OutboundFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.AgentId is not { } agentId)
        {
            return new Refuse(OutboundRefusal.NotAnAgent, CallOutcome.Refused, AgentTone.Failure, "not an agent's phone");
        }

        if (facts.Verdict is DialVerdict.Refused refused)
        {
            return new Refuse(OutboundRefusal.DialPolicy, CallOutcome.Refused, AgentTone.Refused, refused.Detail);
        }

        var lead = (DialVerdict.Allowed)facts.Verdict;
        if (string.IsNullOrWhiteSpace(facts.OutboundTrunk))
        {
            return new Refuse(OutboundRefusal.NoTrunk, CallOutcome.Refused, AgentTone.Failure, "Routing:OutboundTrunk is not set");
        }

        if (facts.CallerId is not { Number: { } presented } callerId)
        {
            return new Refuse(OutboundRefusal.NoCallerId, CallOutcome.Refused, AgentTone.Failure, "no caller ID: " + (facts.CallerId?.Why ?? "the agent is gone"));
        }

        return new Dial(agentId, lead.E164, TrunkDialString.For(lead.E164, facts.OutboundTrunk), presented, callerId);
    }

    /// <summary>The lead's leg ended unanswered: the call's outcome, the agent's tone, and the row's detail (none for busy).</summary>
    public static (CallOutcome Outcome, AgentTone Tone, string? Detail) LeadNotReached(LegFailure failure, HangupCause cause)
    {
        var (outcome, tone) = failure switch
        {
            LegFailure.Busy or LegFailure.Rejected => (CallOutcome.Busy, AgentTone.Busy),
            LegFailure.NoAnswer => (CallOutcome.NoAnswer, AgentTone.Failure),
            _ => (CallOutcome.Failed, AgentTone.Failure),
        };
        return (outcome, tone, outcome == CallOutcome.Busy ? null : $"lead not reached: {failure} ({cause})");
    }
}
