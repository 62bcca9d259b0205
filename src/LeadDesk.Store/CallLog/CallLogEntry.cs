namespace LeadDesk.Store.CallLog;

/// <summary>One call as the log holds it. Outcome is null while the call is in progress.</summary>
/// <param name="RouteType">unknown, unassigned, agent, queue or custom.</param>
/// <param name="LeadNumber">Outbound calls: the lead dialled, in E.164.</param>
/// <param name="CallerIdUsed">Outbound calls: the caller ID the lead was shown.</param>
/// <param name="Destination">The endpoint, queue, destination or voicemail address the call went to.</param>
public sealed record CallLogEntry(
    long Id,
    string ChannelId,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    string DialledNumber,
    string CallerNumber,
    string? CallerName,
    string? RouteType,
    string? AgentId,
    string? Destination,
    CallOutcome? Outcome,
    string? Detail,
    TimeSpan? TotalDuration,
    TimeSpan? TalkDuration,
    CallDirection Direction = CallDirection.Inbound,
    string? LeadNumber = null,
    string? CallerIdUsed = null);
