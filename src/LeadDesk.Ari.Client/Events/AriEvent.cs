using System.Text.Json.Serialization;

namespace LeadDesk.Ari.Client.Events;

/// <summary>An event from the ARI websocket. Parse with <see cref="AriEventParser"/>.</summary>
public abstract record AriEvent
{
    public string Type { get; init; } = "";

    public string? Application { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public string? AsteriskId { get; init; }

    /// <summary>The event exactly as received, for logs and for fields this library does not model.</summary>
    [JsonIgnore]
    public string RawJson { get; internal set; } = "";

    /// <summary>
    /// The channel this event is about; the dispatch key that keeps one channel's events in order.
    /// Null for events that concern no single channel (bridges, the application itself).
    /// </summary>
    [JsonIgnore]
    public virtual string? ChannelId => null;
}
