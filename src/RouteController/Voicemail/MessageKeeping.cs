using LeadDesk.RouteController.Calls;

namespace LeadDesk.RouteController.Voicemail;

/// <summary>What becomes of a voicemail message once its recording is over.</summary>
public enum MessageFate
{
    /// <summary>Long enough: into the outbox, then deleted from Asterisk.</summary>
    Keep,

    /// <summary>Nothing was written (the caller hung up before any audio): nothing to keep.</summary>
    DiscardNothingWritten,

    /// <summary>Shorter than <c>Voicemail:MinSeconds</c>: deleted from Asterisk, not mailed.</summary>
    DiscardTooShort,

    /// <summary>Not a WAV file we can measure: left in Asterisk, and the call fails.</summary>
    Unmeasurable,
}

/// <summary>What the caller's side does once the wait for the recording is over.</summary>
public enum MessageEnd
{
    /// <summary>The message is complete (reported finished, or unreported: whatever file Asterisk has is taken).</summary>
    Complete,

    /// <summary>The controller is stopping: the caller goes on recording in Asterisk for the next start to adopt.</summary>
    LeaveInAsterisk,

    /// <summary>Asterisk could not record: the call fails.</summary>
    Failed,
}

/// <summary>The keep-or-discard rules of a voicemail message, decided without Asterisk.</summary>
internal static class MessageKeeping
{
    /// <param name="stored">Whether Asterisk has a stored recording of that name.</param>
    /// <param name="length">Its measured length; null when it is not a WAV file we can measure.</param>
    /// <param name="minSeconds">The shortest message worth mailing.</param>
    public static MessageFate Decide(bool stored, TimeSpan? length, double minSeconds) =>
        !stored ? MessageFate.DiscardNothingWritten
        : length is not { } measured ? MessageFate.Unmeasurable
        : measured.TotalSeconds < minSeconds ? MessageFate.DiscardTooShort
        : MessageFate.Keep;

    /// <summary>How the wait for a message's recording ended, as the caller's side must act on it.</summary>
    public static MessageEnd EndOf(RecordingEnd end) => end switch
    {
        RecordingEnd.Failed => MessageEnd.Failed,
        RecordingEnd.Draining => MessageEnd.LeaveInAsterisk,
        _ => MessageEnd.Complete,
    };
}
