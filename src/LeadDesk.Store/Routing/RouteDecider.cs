using LeadDesk.Store.Agents;
using LeadDesk.Store.Destinations;
using LeadDesk.Store.Routes;

namespace LeadDesk.Store.Routing;

/// <summary>DESIGN.md's behaviour table as a function: the route from the store in, the decision out.</summary>
public static class RouteDecider
{
    /// <param name="outboundTrunk">
    /// <c>Routing:OutboundTrunk</c>, the PJSIP endpoint external custom numbers are dialled through; empty: none.
    /// </param>
    public static RouteDecision Decide(InboundRoute? route, string? outboundTrunk)
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
            DestinationType.Custom when route.Destination is { } destination => ForCustom(destination, outboundTrunk),
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

    private static RouteDecision ForCustom(CustomDestination destination, string? outboundTrunk) => destination.Kind switch
    {
        DestinationKind.Dialplan => new RouteDecision.Dialplan(destination.Name, destination.Context!, destination.Extension!, destination.Priority ?? 1),
        DestinationKind.Endpoint => new RouteDecision.CustomEndpoint(destination.Name, destination.Endpoint!),
        _ when string.IsNullOrWhiteSpace(outboundTrunk) =>
            new RouteDecision.Misconfigured(destination.Name, "an external number needs Routing:OutboundTrunk to be set"),
        _ => new RouteDecision.CustomEndpoint(destination.Name, $"PJSIP/{destination.Number}@{outboundTrunk}"),
    };
}
