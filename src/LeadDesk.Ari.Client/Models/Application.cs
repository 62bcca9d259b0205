namespace LeadDesk.Ari.Client.Models;

/// <summary>A Stasis application and the event sources it is subscribed to.</summary>
public sealed record Application
{
    public string Name { get; init; } = "";

    public IReadOnlyList<string> ChannelIds { get; init; } = [];

    public IReadOnlyList<string> BridgeIds { get; init; } = [];

    public IReadOnlyList<string> EndpointIds { get; init; } = [];

    public IReadOnlyList<string> DeviceNames { get; init; } = [];
}
