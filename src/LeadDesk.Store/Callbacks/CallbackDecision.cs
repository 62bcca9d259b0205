using LeadDesk.Store.Routing;
namespace LeadDesk.Store.Callbacks;

/// <summary>
/// The callback rule's answer for one call: ring the agent who called this lead first, or go to the number's own
/// route at once. Either way <see cref="OwnRoute"/> is where the call goes when no callback agent takes it.
/// </summary>
public abstract record CallbackDecision(RouteDecision OwnRoute)
{
    /// <summary>
    /// Ring <paramref name="Agent"/> for <c>Routing:CallbackRingSeconds</c> with ringback to the caller; on busy, no
    /// answer or an unreachable phone, carry out <paramref name="OwnRoute"/> without any tone in between.
    /// </summary>
    public sealed record RingFirst(CallbackCandidate Agent, RouteDecision OwnRoute) : CallbackDecision(OwnRoute)
    {
        /// <summary>The route type the call log records when the callback agent took the call.</summary>
        public const string Route = "callback";
    }

    /// <summary>Straight to <paramref name="OwnRoute"/>, for the reason given.</summary>
    /// <param name="Agent">The agent the rule found, when it found one (for explaining why they were not rung).</param>
    public sealed record OwnRouteOnly(CallbackSkip Why, CallbackCandidate? Agent, RouteDecision OwnRoute) : CallbackDecision(OwnRoute);
}
