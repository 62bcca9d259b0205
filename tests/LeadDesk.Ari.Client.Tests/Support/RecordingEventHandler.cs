using System.Collections.Concurrent;
using LeadDesk.Ari.Client.Events;
using LeadDesk.Ari.Client.EventStream;

namespace LeadDesk.Ari.Client.Tests.Support;

internal sealed class RecordingEventHandler : IAriEventHandler
{
    public ConcurrentQueue<AriEvent> Events { get; } = new();

    public ConcurrentQueue<AriConnection> Connections { get; } = new();

    public ConcurrentQueue<(string Reason, Exception? Error, DateTimeOffset At)> Disconnects { get; } = new();

    /// <summary>Runs before the event is recorded; may delay or throw.</summary>
    public Func<AriEvent, CancellationToken, ValueTask>? Before { get; init; }

    public async ValueTask OnEventAsync(AriEvent e, CancellationToken ct)
    {
        if (Before is not null)
        {
            await Before(e, ct);
        }

        Events.Enqueue(e);
    }

    public ValueTask OnConnectedAsync(AriConnection connection, CancellationToken ct)
    {
        Connections.Enqueue(connection);
        return default;
    }

    public ValueTask OnDisconnectedAsync(string reason, Exception? error, CancellationToken ct)
    {
        Disconnects.Enqueue((reason, error, DateTimeOffset.UtcNow));
        return default;
    }
}

internal static class Wait
{
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what) => Poll.UntilAsync(condition, timeout, what);
}
