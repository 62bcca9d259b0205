using System.Text.Json.Serialization;

namespace LeadDesk.Ari.Client.Events;

/// <summary>An event from the ARI websocket. Parse with <see cref="AriEventParser"/>.</summary>
public abstract record AriEvent
{
    public string Type { get; init; } = "";

    public string? Application { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public string? AsteriskId { get; init; }

    private RawText _raw = RawText.Empty;

    /// <summary>
    /// <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> when the websocket message was complete; 0 for an
    /// event not read from a stream. Lets an application time its own reaction to an event.
    /// </summary>
    [JsonIgnore]
    public long ReceivedTimestamp { get; internal set; }

    /// <summary>The event exactly as received, for logs and for fields this library does not model.</summary>
    /// <remarks>Kept as the received bytes and decoded on first read: most events are never logged.</remarks>
    [JsonIgnore]
    public string RawJson
    {
        get => _raw.Value;
        internal set => _raw = new RawText(null, value);
    }

    internal void SetRaw(ReadOnlySpan<byte> utf8Json) => _raw = new RawText(utf8Json.ToArray(), null);

    /// <summary>The received text; equal when the text is, however it is held (so records still compare by content).</summary>
    private sealed class RawText(byte[]? utf8, string? text)
    {
        public static readonly RawText Empty = new(null, "");

        private string? _text = text;

        public string Value => _text ??= System.Text.Encoding.UTF8.GetString(utf8!);

        public override bool Equals(object? obj) => obj is RawText other && other.Value == Value;

        public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);
    }

    /// <summary>
    /// The channel this event is about; the dispatch key that keeps one channel's events in order.
    /// Null for events that concern no single channel (bridges, the application itself).
    /// </summary>
    [JsonIgnore]
    public virtual string? ChannelId => null;
}
