namespace LeadDesk.Ari.Client.EventStream;

/// <summary>One established websocket connection.</summary>
/// <param name="Attempt">Connection attempts made so far, this one included (failed ones count).</param>
/// <param name="ConnectionNumber">1 for the first successful connection, 2 after the first reconnect, ...</param>
/// <param name="ConnectedAt">When the handshake completed.</param>
/// <param name="IsReconnect">True from the second connection on: events may have been missed in between.</param>
/// <param name="HandshakeStartedAt">
/// When the handshake began. Asterisk activates the application while answering it, so a call can enter Stasis (and
/// its StasisStart be on its way) before <paramref name="ConnectedAt"/>; only channels older than this are from
/// before the connection. Null when not known.
/// </param>
public sealed record AriConnection(int Attempt, int ConnectionNumber, DateTimeOffset ConnectedAt, bool IsReconnect, DateTimeOffset? HandshakeStartedAt = null)
{
    /// <summary>Channels created before this are from before this connection (a gap's strays or adoptions).</summary>
    public DateTimeOffset NewCallsFrom => HandshakeStartedAt ?? ConnectedAt;
}
