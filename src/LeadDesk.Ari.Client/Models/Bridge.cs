using System.Text.Json.Serialization;

namespace LeadDesk.Ari.Client.Models;

/// <summary>An ARI bridge. <see cref="Technology"/> changes (simple_bridge, native_rtp) as Asterisk optimises media.</summary>
public sealed record Bridge
{
    public string Id { get; init; } = "";

    public string Technology { get; init; } = "";

    public string BridgeType { get; init; } = "";

    public string BridgeClass { get; init; } = "";

    public string? Creator { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<string> Channels { get; init; } = [];

    [JsonPropertyName("creationtime")]
    public DateTimeOffset? CreationTime { get; init; }

    public string? VideoMode { get; init; }
}
