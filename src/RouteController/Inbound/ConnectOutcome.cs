using LeadDesk.RouteController.Legs;
using LeadDesk.Store.CallLog;
using LeadDesk.RouteController.Calls;

namespace LeadDesk.RouteController.Inbound;

/// <summary>
/// What an inbound call does with how ringing a destination ended (<see cref="ConnectResult"/>), decided once for
/// the number's own route and the callback agent rung first.
/// </summary>
internal abstract record ConnectOutcome
{
    private ConnectOutcome()
    {
    }

    /// <summary>The call is over: its row ends with <paramref name="Outcome"/> (answered at <paramref name="AnsweredAt"/>, if it was).</summary>
    public sealed record Ended(CallOutcome Outcome, DateTimeOffset? AnsweredAt = null, string? Detail = null) : ConnectOutcome;

    /// <summary>The destination could not take the call and the caller is still there: they hear busy.</summary>
    public sealed record Busy(LegFailure Failure) : ConnectOutcome;

    /// <summary>The callback agent did not take the call: on to the number's own route, with no tone in between.</summary>
    public sealed record FallThrough(LegFailure? Failure, string Why) : ConnectOutcome;

    /// <summary>The number's own destination: answered ends as <paramref name="answeredOutcome"/>; busy, no answer, unreachable or rejected is "busy".</summary>
    public static ConnectOutcome OfRoute(ConnectResult result, CallOutcome answeredOutcome) => result switch
    {
        ConnectResult.Talked talked => new Ended(answeredOutcome, talked.AnsweredAt),
        ConnectResult.NotConnected notConnected => new Busy(notConnected.Failure),
        _ => new Ended(CallOutcome.Abandoned),
    };

    /// <summary>The agent who called this lead, rung first: anything but an answer or the caller leaving falls through.</summary>
    public static ConnectOutcome OfCallback(ConnectResult result, string agentId) => result switch
    {
        ConnectResult.Talked talked => new Ended(CallOutcome.Answered, talked.AnsweredAt),
        ConnectResult.Abandoned => new Ended(CallOutcome.Abandoned, Detail: $"caller hung up while callback agent {agentId} rang"),
        ConnectResult.NotConnected notConnected => new FallThrough(notConnected.Failure, $"callback to {agentId} {Describe(notConnected.Failure)}"),
        _ => new FallThrough(null, $"callback to {agentId} not connected"),
    };

    private static string Describe(LegFailure failure) => failure switch
    {
        LegFailure.NoAnswer => "not answered",
        LegFailure.Busy => "busy",
        LegFailure.Unreachable => "unreachable",
        _ => "not connected (" + failure.ToString().ToLowerInvariant() + ")",
    };
}
