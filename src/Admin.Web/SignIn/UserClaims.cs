using System.Security.Claims;
using LeadDesk.Store.Users;

namespace LeadDesk.Admin.Web.SignIn;

/// <summary>What the session cookie says about its user: name, role and, for agent users, the agent.</summary>
public static class UserClaims
{
    public const string AgentIdClaim = "leaddesk:agent";

    /// <summary>The session row the cookie belongs to (<see cref="WebSessions"/>).</summary>
    public const string SessionClaim = "leaddesk:session";

    /// <summary>Roles that may manage routes, numbers and agents (support may do all an admin may).</summary>
    public static readonly string[] AdminRoles = [UserRoles.AdminToken, UserRoles.SupportToken];

    /// <summary>Roles that may make and change custom destinations.</summary>
    public static readonly string[] SupportRoles = [UserRoles.SupportToken];

    public static ClaimsPrincipal ToPrincipal(WebUser user, string sessionId, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Name),
            new(ClaimTypes.Role, user.Role.ToToken()),
            new(SessionClaim, sessionId),
        };
        if (user.AgentId is not null)
        {
            claims.Add(new Claim(AgentIdClaim, user.AgentId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static string Name(this ClaimsPrincipal principal) => principal.Identity?.Name ?? "";

    public static string? AgentId(this ClaimsPrincipal principal) => principal.FindFirstValue(AgentIdClaim);

    public static string? SessionId(this ClaimsPrincipal principal) => principal.FindFirstValue(SessionClaim);

    public static string RoleToken(this ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.Role) ?? "";

    /// <summary>The route audit's "who": the web user, so the trail tells web changes from CLI ones.</summary>
    public static string Actor(this ClaimsPrincipal principal) => $"{principal.Name()} via web";

    /// <summary>May this user see and change <paramref name="agentId"/>'s settings? Agents only their own.</summary>
    public static bool MayManageAgent(this ClaimsPrincipal principal, string agentId) =>
        principal.IsInRole(UserRoles.AdminToken) || principal.IsInRole(UserRoles.SupportToken)
        || (principal.IsInRole(UserRoles.AgentToken) && string.Equals(principal.AgentId(), agentId, StringComparison.Ordinal));
}
