namespace LeadDesk.Store.Voicemail;

/// <summary>One outbox row: the message, its stable Message-Id and how its delivery stands.</summary>
/// <param name="MessageId">The Message-Id (with angle brackets), fixed at enqueue so every attempt sends the same mail.</param>
/// <param name="Attempts">Delivery attempts made so far (failed ones, plus the one that succeeded).</param>
public sealed record VoicemailEntry(
    long Id,
    string MessageId,
    VoicemailMessage Message,
    VoicemailState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset? SentAt);
