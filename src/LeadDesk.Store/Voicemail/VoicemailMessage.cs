namespace LeadDesk.Store.Voicemail;

/// <summary>
/// A voicemail as the call left it: the recording and the facts the mail will name. Caller text is stored as
/// the controller sanitised it; the mail builder still treats it as hostile.
/// </summary>
/// <param name="Caller">The caller's number (normalised where it is a phone number).</param>
/// <param name="CallerName">The caller-ID name, if any.</param>
/// <param name="Dialled">The number the caller dialled (E.164 once resolved).</param>
/// <param name="RecordedAt">When the message was left (UTC; the mail shows it in the configured zone).</param>
/// <param name="Duration">The length measured from the WAV, not Asterisk's whole seconds.</param>
/// <param name="Wav">The recording exactly as Asterisk served it.</param>
public sealed record VoicemailMessage(
    string AgentId,
    string? AgentName,
    string ToAddress,
    string Caller,
    string? CallerName,
    string Dialled,
    DateTimeOffset RecordedAt,
    TimeSpan Duration,
    byte[] Wav,
    string? CallId = null);
