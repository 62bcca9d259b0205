using LeadDesk.Store.Routes;

namespace LeadDesk.Store.Numbers;

/// <summary>A number in the inventory with its current route, as admins list it.</summary>
/// <param name="AgentId">Set for agent routes (the "destination user").</param>
/// <param name="Destination">The queue name or custom destination name; null otherwise.</param>
public sealed record InboundNumber(
    string Number,
    string? Label,
    bool Owned,
    DestinationType DestinationType,
    string? AgentId,
    string? AgentName,
    string? Destination)
{
    /// <summary>The audit form of the route: <c>agent:1001</c>, <c>queue:sales</c>, <c>custom:x</c>, <c>unassigned</c>.</summary>
    public string DestinationToken => RouteTarget.Describe(DestinationType, AgentId, Destination);

    /// <summary>How long a lead's callback to this number reaches the agent who called them; null: off.</summary>
    public TimeSpan? CallbackWindow { get; init; }
}
