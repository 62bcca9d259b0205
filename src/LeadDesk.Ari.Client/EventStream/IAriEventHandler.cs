using LeadDesk.Ari.Client.Events;

namespace LeadDesk.Ari.Client.EventStream;

/// <summary>Receives what <see cref="AriEventStream"/> reads. Exceptions thrown here are logged, never fatal to the stream.</summary>
public interface IAriEventHandler
{
    /// <summary>
    /// Called in arrival order per channel (<see cref="AriEvent.ChannelId"/>), concurrently across channels.
    /// Channel-less events share one lane of their own.
    /// </summary>
    ValueTask OnEventAsync(AriEvent e, CancellationToken ct);

    /// <summary>
    /// The websocket is up. On a reconnect (<see cref="AriConnection.IsReconnect"/>) events from the gap are lost:
    /// Asterisk does not replay them, so resynchronise calls with GET /channels.
    /// </summary>
    ValueTask OnConnectedAsync(AriConnection connection, CancellationToken ct);

    /// <summary>An established connection ended; a reconnect follows unless the stream is stopping.</summary>
    ValueTask OnDisconnectedAsync(string reason, Exception? error, CancellationToken ct);
}

/// <summary>
/// A handler whose <see cref="IAriEventHandler.OnEventAsync"/> only looks up and posts, never waits: the stream
/// then calls it on the websocket reader itself instead of on a per-channel lane task, saving a thread-pool hop
/// per event (a call sees twenty-odd events). A call that does not complete synchronously still keeps its
/// channel's order: the channel's later events wait for it on a lane, as for any handler.
/// </summary>
public interface IInlineAriEventHandler : IAriEventHandler;
