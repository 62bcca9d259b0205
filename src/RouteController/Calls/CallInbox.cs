using System.Threading.Channels;
using LeadDesk.Ari.Client.Events;

namespace LeadDesk.RouteController.Calls;

/// <summary>
/// The events of one call (its caller channel and its legs), in arrival order. The event stream only posts
/// here, so a slow call never holds up the websocket or other calls.
/// </summary>
internal sealed class CallInbox
{
    private readonly Channel<AriEvent> _events = Channel.CreateUnbounded<AriEvent>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    public void Post(AriEvent e) => _events.Writer.TryWrite(e);

    public void Close() => _events.Writer.TryComplete();

    /// <summary>The next event, or null once <paramref name="timeout"/> has passed (or the inbox is closed).</summary>
    public async ValueTask<AriEvent?> ReceiveAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        if (_events.Reader.TryRead(out var ready))
        {
            return ready;
        }

        // Timeout.InfiniteTimeSpan is negative (-1 ms): it must mean "wait", never "already expired".
        if (timeout != Timeout.InfiniteTimeSpan && timeout <= TimeSpan.Zero)
        {
            return null;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var timer = timeout == Timeout.InfiniteTimeSpan
            ? null
            : time.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), deadline, timeout, Timeout.InfiniteTimeSpan);
        try
        {
            while (await _events.Reader.WaitToReadAsync(deadline.Token).ConfigureAwait(false))
            {
                if (_events.Reader.TryRead(out var e))
                {
                    return e;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The timeout passed first.
        }

        ct.ThrowIfCancellationRequested();
        return null;
    }
}
