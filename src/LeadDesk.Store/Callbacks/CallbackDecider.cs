using LeadDesk.Store.Routes;
using LeadDesk.Store.Routing;

namespace LeadDesk.Store.Callbacks;

/// <summary>
/// The callback table of docs/behaviour.md as a function: a number with a callback window rings the agent of the
/// newest answered outbound call to this caller that presented the number, when that call is inside the window and
/// the agent is logged in and free; every other case is the number's own route at once.
/// </summary>
public static class CallbackDecider
{
    /// <param name="route">The dialled number's route, null when not in the inventory.</param>
    /// <param name="ownRoute">What <see cref="RouteDecider"/> decided for <paramref name="route"/>.</param>
    public static CallbackDecision Decide(InboundRoute? route, RouteDecision ownRoute, CallbackFacts facts)
    {
        ArgumentNullException.ThrowIfNull(ownRoute);
        ArgumentNullException.ThrowIfNull(facts);
        CallbackDecision Own(CallbackSkip why, CallbackCandidate? agent = null) => new CallbackDecision.OwnRouteOnly(why, agent, ownRoute);

        if (route is not { Owned: true })
        {
            return Own(CallbackSkip.NotRoutable);
        }

        if (route.CallbackWindow is not { } window)
        {
            return Own(CallbackSkip.Off);
        }

        if (facts.CallerNumber is null)
        {
            return Own(CallbackSkip.NoCallerNumber);
        }

        if (facts.LastAnsweredCall is not { } agent)
        {
            return Own(CallbackSkip.NoAnsweredCall);
        }

        if (agent.CalledAt < facts.Now - window)
        {
            return Own(CallbackSkip.WindowExpired, agent);
        }

        // The own route rings this agent anyway (or gives their not-reachable destination): never twice.
        if (route.DestinationType == DestinationType.Agent && route.Agent?.AgentId == agent.AgentId)
        {
            return Own(CallbackSkip.OwnAgent, agent);
        }

        if (!agent.LoggedIn)
        {
            return Own(CallbackSkip.AgentLoggedOut, agent);
        }

        return facts.AgentOnCall ? Own(CallbackSkip.AgentOnCall, agent) : new CallbackDecision.RingFirst(agent, ownRoute);
    }
}
