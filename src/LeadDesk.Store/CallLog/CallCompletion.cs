namespace LeadDesk.Store.CallLog;

/// <summary>What the controller learned about a call by the time it ended.</summary>
/// <param name="DialledNumber">The E.164 form once resolved; null keeps what <c>StartAsync</c> stored.</param>
/// <param name="CallerIdUsed">Outbound calls: the caller ID presented, once chosen; null keeps what was stored.</param>
/// <param name="Detail">Why, for failed/busy outcomes (free text; bounded when stored).</param>
public sealed record CallCompletion(
    DateTimeOffset EndedAt,
    string? RouteType = null,
    string? AgentId = null,
    string? Destination = null,
    DateTimeOffset? AnsweredAt = null,
    string? Detail = null,
    string? DialledNumber = null,
    string? CallerIdUsed = null);
