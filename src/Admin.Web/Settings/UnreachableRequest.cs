namespace LeadDesk.Admin.Web.Settings;

/// <summary>The drop-down's choice: <c>none</c> or <c>voicemail:ADDR</c>.</summary>
public sealed record UnreachableRequest(string? Unreachable);
