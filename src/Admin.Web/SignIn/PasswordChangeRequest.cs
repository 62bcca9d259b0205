namespace LeadDesk.Admin.Web.SignIn;

/// <summary>A signed-in user's own password change: the current password, then the new one.</summary>
public sealed record PasswordChangeRequest(string? Current, string? New);
