using System.Text.Json.Serialization;

namespace LeadDesk.Ari.Client.Models;

/// <summary>An ARI channel snapshot. Snapshots are immutable: Asterisk sends a new one with every event.</summary>
public sealed record Channel
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Down, Rsrvd, OffHook, Dialing, Ring, Ringing, Up, Busy, Dialing Offhook, Pre-ring, Unknown.</summary>
    public string State { get; init; } = "";

    public string? ProtocolId { get; init; }

    public CallerId Caller { get; init; } = new();

    public CallerId Connected { get; init; } = new();

    public string Accountcode { get; init; } = "";

    public DialplanCep Dialplan { get; init; } = new();

    [JsonPropertyName("creationtime")]
    public DateTimeOffset CreationTime { get; init; }

    public string? Language { get; init; }

    /// <summary>Only present when ari.conf / the request asked for channel variables.</summary>
    [JsonPropertyName("channelvars")]
    public IReadOnlyDictionary<string, string>? ChannelVars { get; init; }
}
