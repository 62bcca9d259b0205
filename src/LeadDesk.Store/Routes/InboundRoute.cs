using LeadDesk.Store.Agents;
using LeadDesk.Store.Destinations;

namespace LeadDesk.Store.Routes;

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
    CustomDestination? Destination)
{
    /// <summary>How long a lead's callback to this number reaches the agent who called them; null: off.</summary>
    public TimeSpan? CallbackWindow { get; init; }
}
