using LeadDesk.Store.Voicemail;

namespace LeadDesk.RouteController.Metrics;

/// <summary>
/// The voicemail outbox's backlog as last read. Observable gauges are read synchronously, a database is not: the
/// scrape (and /healthz) refresh it first with one cheap query, and a failed read keeps the previous figures.
/// </summary>
internal sealed class VoicemailBacklog(VoicemailOutbox outbox, TimeProvider time)
{
    private volatile Snapshot _last = new(0, null);

    public int Pending => _last.Pending;

    public TimeSpan OldestAge => _last.Oldest is { } oldest && time.GetUtcNow() - oldest is var age && age > TimeSpan.Zero ? age : TimeSpan.Zero;

    public async Task RefreshAsync(CancellationToken ct)
    {
        var (pending, oldest) = await outbox.BacklogAsync(ct).ConfigureAwait(false);
        _last = new Snapshot(pending, oldest);
    }

    private sealed record Snapshot(int Pending, DateTimeOffset? Oldest);
}
