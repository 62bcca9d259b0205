namespace LeadDesk.Ari.Client.EventStream;

/// <summary>One established websocket connection.</summary>
/// <param name="Attempt">Connection attempts made so far, this one included (failed ones count).</param>
/// <param name="ConnectionNumber">1 for the first successful connection, 2 after the first reconnect, ...</param>
/// <param name="ConnectedAt">When the handshake completed.</param>
/// <param name="IsReconnect">True from the second connection on: events may have been missed in between.</param>
public sealed record AriConnection(int Attempt, int ConnectionNumber, DateTimeOffset ConnectedAt, bool IsReconnect);
