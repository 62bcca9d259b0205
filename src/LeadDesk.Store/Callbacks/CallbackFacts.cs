using LeadDesk.Store.Routing;
namespace LeadDesk.Store.Callbacks;

/// <summary>What the callback rule of one call depends on, gathered by whoever asks (the controller, or the CLI's explain).</summary>
/// <param name="CallerNumber">The caller in E.164; null when anonymous or not a phone number.</param>
/// <param name="LastAnsweredCall">
/// The newest answered outbound call to the caller that presented the dialled number (see
/// <see cref="Routes.RouteDirectory.FindCallbackAsync"/>); it may be older than the window, the rule checks.
/// </param>
/// <param name="AgentOnCall">Whether that call's agent is on a call right now (any direction).</param>
/// <param name="Now">The time of the call, against which the window is measured.</param>
public sealed record CallbackFacts(string? CallerNumber, CallbackCandidate? LastAnsweredCall, bool AgentOnCall, DateTimeOffset Now);
