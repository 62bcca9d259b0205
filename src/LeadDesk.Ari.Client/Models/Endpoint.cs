namespace LeadDesk.Ari.Client.Models;

/// <summary>A PJSIP (or other) endpoint. "offline" means no registered contact: an originate to it fails with 500 Allocation failed.</summary>
public sealed record Endpoint
{
    public string Technology { get; init; } = "";

    public string Resource { get; init; } = "";

    /// <summary>unknown, offline, online.</summary>
    public string? State { get; init; }

    public IReadOnlyList<string> ChannelIds { get; init; } = [];
}
