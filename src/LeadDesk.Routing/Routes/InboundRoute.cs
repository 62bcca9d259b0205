
namespace LeadDesk.Routing;

/// <summary>
/// The route of one inbound number as the controller reads it per call. Exactly one of <see cref="Agent"/>,
/// <see cref="QueueName"/> and <see cref="Destination"/> is set, matching <see cref="DestinationType"/>.
/// </summary>
public sealed record InboundRoute(
    string Number,
    bool Owned,
    DestinationType DestinationType,
    AgentRouteTarget? Agent,
    string? QueueName,
    CustomDestination? Destination);
