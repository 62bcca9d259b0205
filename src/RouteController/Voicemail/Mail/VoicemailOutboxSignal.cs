using LeadDesk.RouteController.Voicemail;
namespace LeadDesk.RouteController.Voicemail.Mail;

/// <summary>
/// Wakes the sender when a call has just written a message, so a voicemail goes out at once instead of at
/// the next poll. Signals coalesce: one pending wake-up is enough for any number of new messages.
/// </summary>
internal sealed class VoicemailOutboxSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Notify()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; the sender will see every due message when it wakes.
        }
    }

    /// <summary>True when woken, false when <paramref name="timeout"/> passed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}
