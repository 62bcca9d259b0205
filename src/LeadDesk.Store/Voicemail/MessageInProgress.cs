namespace LeadDesk.Store.Voicemail;

/// <summary>A voicemail message Asterisk is recording now: the facts its mail needs, kept until the outbox has it.</summary>
/// <param name="RecordingName">The live (then stored) recording's name in Asterisk.</param>
/// <param name="ChannelId">The caller's channel.</param>
public sealed record MessageInProgress(
    string RecordingName,
    string ChannelId,
    string AgentId,
    string? AgentName,
    string ToAddress,
    string Caller,
    string? CallerName,
    string Dialled,
    DateTimeOffset RecordedAt);
