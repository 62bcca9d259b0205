using LeadDesk.Store.Agents;
using LeadDesk.Store.Destinations;
using LeadDesk.Store.Outbound;
using LeadDesk.Store.Routes;

namespace LeadDesk.Store.Routing;

/// <summary>docs/behaviour.md's behaviour table as a function: the route from the store in, the decision out.</summary>
public static class RouteDecider
{
    /// <param name="route">The number's route as the store has it; null when the number is not in the inventory.</param>
    /// <param name="outboundTrunk">
    /// <c>Routing:OutboundTrunk</c>, the PJSIP endpoint external custom numbers are dialled through; empty: none.
    /// </param>
    /// <param name="dialRules">
    /// The dial policy in force now, which an external-number custom destination must pass on every call (the allowed
    /// regions may have changed since it was made); a refused one is <see cref="RouteDecision.Misconfigured"/> with the
    /// policy's reason. Null only where no external number can be reached (the reason is then said as a refusal too).
    /// </param>
    public static RouteDecision Decide(InboundRoute? route, string? outboundTrunk, DialRules? dialRules = null)
    {
        if (route is null)
        {
            return new RouteDecision.Unknown();
        }

        // Traffic can only flow to and from a number we own at the carrier; anything else leads nowhere.
        if (!route.Owned)
        {
            return new RouteDecision.NotAssigned();
        }

        return route.DestinationType switch
        {
            DestinationType.Agent when route.Agent is { } agent => ForAgent(agent),
            DestinationType.Queue when route.QueueName is { } queue => new RouteDecision.Queue(queue),
            DestinationType.Custom when route.Destination is { } destination => ForCustom(destination, outboundTrunk, dialRules),
            _ => new RouteDecision.NotAssigned(),
        };
    }

    private static RouteDecision ForAgent(AgentRouteTarget agent)
    {
        if (agent.LoggedIn)
        {
            return new RouteDecision.RingAgent(agent.AgentId, agent.Extension);
        }

        return agent.UnreachableDestination is UnreachableDestination.Voicemail voicemail
            ? new RouteDecision.Voicemail(agent.AgentId, voicemail.Email, agent.Name)
            : new RouteDecision.AgentUnreachable(agent.AgentId);
    }

    private static RouteDecision ForCustom(CustomDestination destination, string? outboundTrunk, DialRules? dialRules) => destination.Kind switch
    {
        DestinationKind.Dialplan => new RouteDecision.Dialplan(destination.Name, destination.Context!, destination.Extension!, destination.Priority ?? 1),
        DestinationKind.Endpoint => new RouteDecision.CustomEndpoint(destination.Name, destination.Endpoint!),
        _ when string.IsNullOrWhiteSpace(outboundTrunk) =>
            new RouteDecision.Misconfigured(destination.Name, "an external number needs Routing:OutboundTrunk to be set"),
        _ when dialRules is null =>
            new RouteDecision.Misconfigured(destination.Name, "dial policy: the allowed regions could not be read"),
        _ => dialRules.Check(destination.Number) switch
        {
            DialVerdict.Allowed allowed => new RouteDecision.CustomEndpoint(destination.Name, TrunkDialString.For(allowed.E164, outboundTrunk)),
            DialVerdict.Refused refused => new RouteDecision.Misconfigured(destination.Name, refused.Detail),
            _ => throw new InvalidOperationException("a dial verdict is allowed or refused"),
        },
    };
}
