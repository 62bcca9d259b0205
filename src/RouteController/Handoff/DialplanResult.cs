namespace LeadDesk.RouteController.Handoff;

/// <summary>When (if ever) someone in the dialplan answered the caller.</summary>
internal sealed record DialplanResult(DateTimeOffset? AnsweredAt);
