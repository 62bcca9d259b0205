using LeadDesk.Ari.Client.Events;

namespace LeadDesk.RouteController.Calls;

/// <summary>
/// The events of one call (its caller channel and its legs), in arrival order. The event stream only posts
/// here, so a slow call never holds up the websocket or other calls. One reader: the call's own flow.
/// </summary>
/// <remarks>
/// A wait that times out completes its waiter instead of cancelling a token: busy tones, announcements and ring
/// timeouts end in a timeout on every such call, and a thrown OperationCanceledException per call was the most
/// frequent exception in the bench's tally.
/// </remarks>
internal sealed class CallInbox
{
    private readonly Queue<AriEvent> _events = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource<bool>? _waiter;
    private bool _closed;

    public void Post(AriEvent e)
    {
        TaskCompletionSource<bool>? waiter;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _events.Enqueue(e);
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult(true);
    }

    /// <summary>No more events: a waiting or later receive answers null once the queue is empty.</summary>
    public void Close()
    {
        TaskCompletionSource<bool>? waiter;
        lock (_gate)
        {
            _closed = true;
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult(false);
    }

    /// <summary>The next event, or null once <paramref name="timeout"/> has passed (or the inbox is closed).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled and no event is waiting.</exception>
    public async ValueTask<AriEvent?> ReceiveAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        TaskCompletionSource<bool> waiter;
        lock (_gate)
        {
            if (_events.TryDequeue(out var ready))
            {
                return ready;
            }

            // Timeout.InfiniteTimeSpan is negative (-1 ms): it must mean "wait", never "already expired".
            if (_closed || (timeout != Timeout.InfiniteTimeSpan && timeout <= TimeSpan.Zero))
            {
                return null;
            }

            ct.ThrowIfCancellationRequested();
            waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiter = waiter;
        }

        using (var timer = timeout == Timeout.InfiniteTimeSpan
            ? null
            : time.CreateTimer(static s => ((TaskCompletionSource<bool>)s!).TrySetResult(false), waiter, timeout, Timeout.InfiniteTimeSpan))
        using (ct.Register(static s => ((TaskCompletionSource<bool>)s!).TrySetResult(false), waiter))
        {
            await waiter.Task.ConfigureAwait(false);
        }

        lock (_gate)
        {
            if (ReferenceEquals(_waiter, waiter))
            {
                _waiter = null;
            }

            if (_events.TryDequeue(out var e))
            {
                return e;
            }
        }

        ct.ThrowIfCancellationRequested();
        return null;
    }
}
