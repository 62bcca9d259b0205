using LeadDesk.RouteController.Voicemail;
using LeadDesk.Store.Voicemail;
using LeadDesk.RouteController.Voicemail.Mail;

namespace RouteController.Tests.Voicemail;

/// <summary>
/// Proof that the voicemail sender has worked the outbox once more, for tests that assert nothing more was sent:
/// a marker message is queued and waited for until the sender is done with it (sent or failed). The sender takes
/// due messages oldest first, so by then it has passed over everything queued before the marker; a message it
/// would send twice, or retry after failing it, would have been taken in that pass.
/// </summary>
internal static class OutboxPass
{
    /// <summary>The marker's caller number; its mail names it in the subject.</summary>
    public const string MarkerCaller = "+358451119999";

    public static async Task<VoicemailEntry> CompleteAsync(VoicemailOutbox outbox, VoicemailOutboxSignal? signal = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var marker = await outbox.EnqueueAsync(new VoicemailMessage(
            "marker", "Marker", "marker@example.com", MarkerCaller, "Marker", "+358401234567",
            DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), TestWav.Seconds(1), "marker-call"), ct);
        signal?.Notify();

        return await Poll.UntilAsync(
            async () => (await outbox.ListAsync(cancellationToken: ct)).Single(e => e.Id == marker.Id),
            entry => entry.State != VoicemailState.Pending,
            TimeSpan.FromSeconds(15),
            "the voicemail sender taking the marker message",
            ct);
    }
}
