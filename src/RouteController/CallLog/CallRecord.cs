using LeadDesk.RouteController.Agents;
using LeadDesk.RouteController.Callers;
using LeadDesk.Store.CallLog;
using LeadDesk.RouteController.Text;
using LeadDesk.Store.Callbacks;

namespace LeadDesk.RouteController.CallLog;

/// <summary>
/// The facts of one call as its flow learns them, written as one call-log row when the call ends.
/// The first outcome set wins: a later clean-up cannot turn "busy" into "failed".
/// </summary>
internal sealed class CallRecord
{
    private readonly AgentDialString _agentDialString;

    /// <param name="agentDialString">Names an agent's phone in the row as it is dialled.</param>
    public CallRecord(string callId, DateTimeOffset startedAt, string dialled, string callerNumber, string? callerName, AgentDialString agentDialString)
    {
        ArgumentNullException.ThrowIfNull(callId);
        ArgumentNullException.ThrowIfNull(agentDialString);
        _agentDialString = agentDialString;
        CallId = callId;
        StartedAt = startedAt;
        Dialled = dialled;
        CallerNumber = callerNumber;
        CallerName = callerName;
    }

    public string CallId { get; }

    /// <summary>The call-log row, inserted while the call is routed so the insert never delays the decision.</summary>
    public Task<long>? Row { get; set; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>The dialled number as the carrier sent it; the E.164 form once resolved.</summary>
    public string Dialled { get; private set; }

    public string CallerNumber { get; }

    public string? CallerName { get; }

    /// <summary>A carrier call's caller, as <see cref="CallerIdRule"/> decided; null for an agent's own call.</summary>
    public CallerIdentity? Caller { get; init; }

    /// <summary>
    /// What the agent's phone is rung with: only digits and a leading +, nothing a caller could inject; empty for a
    /// caller without a number (the phone shows Anonymous).
    /// </summary>
    public string CallerNumberForDisplay => Caller?.ForPhone ?? CallerIdText.Number(CallerNumber);

    public string? Route { get; private set; }

    public string? AgentId { get; private set; }

    public string? Destination { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public CallOutcome? Outcome { get; private set; }

    public string? Detail { get; private set; }

    public CallDirection Direction { get; init; } = CallDirection.Inbound;

    /// <summary>Outbound calls: the caller ID presented to the lead, once chosen.</summary>
    public string? CallerIdUsed { get; private set; }

    public void Resolved(string e164) => Dialled = e164;

    /// <summary>An outbound call: whose it is, and where it goes out.</summary>
    public void DialsOut(string agentId, string? destination)
    {
        Route = "outbound";
        AgentId = agentId;
        Destination = destination;
    }

    public void Presented(string callerId) => CallerIdUsed = callerId;

    public void Decided(RouteDecision decision)
    {
        Route = decision.Route;
        (AgentId, Destination) = decision switch
        {
            RouteDecision.RingAgent a => (a.AgentId, _agentDialString.For(a.Extension)),
            RouteDecision.Voicemail v => (v.AgentId, $"voicemail:{v.Email}"),
            RouteDecision.AgentUnreachable u => (u.AgentId, null),
            RouteDecision.Queue q => (null, q.QueueName),
            RouteDecision.Dialplan d => (null, d.DestinationName),
            RouteDecision.CustomEndpoint e => (null, e.DestinationName),
            RouteDecision.Misconfigured m => (null, m.DestinationName),
            _ => ((string?)null, (string?)null),
        };
    }

    /// <summary>The callback agent rings first: the row says <c>callback</c> and whom, until the call falls through.</summary>
    public void RingsCallbackAgent(CallbackCandidate agent)
    {
        Route = CallbackDecision.RingFirst.Route;
        (AgentId, Destination) = (agent.AgentId, _agentDialString.For(agent.Extension));
    }

    /// <summary>
    /// The callback agent did not take the call and it goes on to the number's own route: the row records that
    /// route, with <paramref name="why"/> before whatever detail the own route adds.
    /// </summary>
    public void FellThrough(string why, RouteDecision ownRoute)
    {
        Decided(ownRoute);
        _fallThrough = why;
    }

    private string? _fallThrough;

    public void Answered(DateTimeOffset at) => AnsweredAt ??= at;

    public void Ended(CallOutcome outcome, string? detail = null)
    {
        if (Outcome is not null)
        {
            return;
        }

        Outcome = outcome;
        Detail = _fallThrough is null ? detail : detail is null ? _fallThrough : $"{_fallThrough}; {detail}";
    }
}
