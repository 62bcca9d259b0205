namespace LeadDesk.Store.Users;

/// <summary>Someone who may sign in to the web admin.</summary>
/// <param name="AgentId">The agent an <see cref="UserRole.Agent"/> user is; null for the other roles.</param>
/// <param name="LockedUntil">Set while sign-ins are refused after too many failures.</param>
public sealed record WebUser(string Name, UserRole Role, string? AgentId, int FailedAttempts, DateTimeOffset? LockedUntil);
