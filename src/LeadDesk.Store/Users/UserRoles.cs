using LeadDesk.Store.Validation;

namespace LeadDesk.Store.Users;

/// <summary>The tokens stored in <c>users.role</c> and typed after <c>--role</c>.</summary>
public static class UserRoles
{
    public const string AdminToken = "admin";
    public const string SupportToken = "support";
    public const string AgentToken = "agent";

    public static string ToToken(this UserRole role) => role switch
    {
        UserRole.Support => SupportToken,
        UserRole.Agent => AgentToken,
        _ => AdminToken,
    };

    /// <summary>Parses a role token; refuses anything but admin, support and agent.</summary>
    public static UserRole Parse(string? token) => token?.Trim().ToLowerInvariant() switch
    {
        AdminToken => UserRole.Admin,
        SupportToken => UserRole.Support,
        AgentToken => UserRole.Agent,
        _ => throw new RoutingRefusedException($"{InputRules.Describe(token ?? string.Empty)} is not a role: use admin, support or agent."),
    };
}
