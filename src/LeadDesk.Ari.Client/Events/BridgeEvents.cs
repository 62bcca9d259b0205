using LeadDesk.Ari.Client.Models;

namespace LeadDesk.Ari.Client.Events;

public sealed record BridgeCreated : AriEvent
{
    public Bridge Bridge { get; init; } = new();
}

public sealed record BridgeDestroyed : AriEvent
{
    public Bridge Bridge { get; init; } = new();
}
