using LeadDesk.Ari.Client.Events;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Ari.Client.EventStream;

/// <summary>
/// One lane per channel: a lane drains its queue on its own task, so events of one channel stay in order
/// while a slow or failing handler for one call never delays another. A lane exists only while it has work,
/// so thousands of finished calls leave nothing behind.
/// </summary>
internal sealed class ChannelLaneDispatcher
{
    // Events with no channel (bridges, ApplicationReplaced) share this lane.
    private const string GlobalLane = "";

    private readonly Dictionary<string, Queue<AriEvent>> _lanes = new(StringComparer.Ordinal);
    private readonly Func<AriEvent, CancellationToken, ValueTask> _handler;
    private readonly ILogger _logger;
    private readonly bool _inline;

    /// <param name="inline">Call the handler on the dispatching thread while its channel has no lane (see <see cref="IInlineAriEventHandler"/>).</param>
    public ChannelLaneDispatcher(Func<AriEvent, CancellationToken, ValueTask> handler, ILogger logger, bool inline = false)
    {
        _handler = handler;
        _logger = logger;
        _inline = inline;
    }

    /// <summary>Lanes with queued or running work.</summary>
    public int ActiveLanes
    {
        get
        {
            lock (_lanes)
            {
                return _lanes.Count;
            }
        }
    }

    public void Dispatch(AriEvent e, CancellationToken ct)
    {
        var key = e.ChannelId ?? GlobalLane;
        Queue<AriEvent> lane;
        lock (_lanes)
        {
            if (_lanes.TryGetValue(key, out var running))
            {
                running.Enqueue(e);
                return;
            }

            lane = new Queue<AriEvent>();
            if (!_inline)
            {
                lane.Enqueue(e);
                _lanes.Add(key, lane);
            }
        }

        if (!_inline)
        {
            _ = Task.Run(() => DrainAsync(key, lane, pending: default, ct), CancellationToken.None);
            return;
        }

        // Only the reader dispatches, so no lane for this key can appear between the check above and here.
        ValueTask pending;
        try
        {
            pending = _handler(e, ct);
        }
        catch (Exception ex)
        {
            LogFailed(ex, e);
            return;
        }

        if (pending.IsCompletedSuccessfully)
        {
            // Consumed, so a pooled ValueTask source is released.
            pending.GetAwaiter().GetResult();
            return;
        }

        lock (_lanes)
        {
            _lanes.Add(key, lane);
        }

        _ = DrainAsync(key, lane, pending, ct);
    }

    private async Task DrainAsync(string key, Queue<AriEvent> lane, ValueTask pending, CancellationToken ct)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "ARI event handler failed on channel {ChannelId}", key.Length == 0 ? "(none)" : key);
        }

        while (true)
        {
            AriEvent next;
            lock (_lanes)
            {
                if (!lane.TryDequeue(out next!))
                {
                    // Removed under the same lock Dispatch uses, so a new event starts a fresh lane
                    // only after this one has finished its last handler call: order holds.
                    _lanes.Remove(key);
                    return;
                }
            }

            try
            {
                await _handler(next, ct).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogFailed(ex, next);
            }
        }
    }

    private void LogFailed(Exception ex, AriEvent e) =>
        _logger.LogError(ex, "ARI event handler failed for {EventType} on channel {ChannelId}", e.Type, e.ChannelId ?? "(none)");
}
