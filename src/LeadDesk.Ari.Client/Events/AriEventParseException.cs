namespace LeadDesk.Ari.Client.Events;

/// <summary>A websocket message that is not an ARI event (not JSON, not an object, or no "type"). The stream logs and skips it.</summary>
public sealed class AriEventParseException : Exception
{
    public AriEventParseException(string message, string payload, Exception? inner = null)
        : base(message, inner) => Payload = payload;

    /// <summary>The offending message, truncated for logging.</summary>
    public string Payload { get; }
}
