using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store.Users;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace LeadDesk.Admin.Web.SignIn;

/// <summary>
/// The session cookie: HTTP-only, same-site strict, sliding, <c>Secure</c> whenever the request is HTTPS (itself, or
/// as a known proxy says with <c>X-Forwarded-Proto</c>). It names a session row (<see cref="WebSessions"/>); each
/// request checks that the row is alive and re-reads the user, so sign-out (wherever the cookie was copied), a
/// password change, <c>users remove</c> or a role change takes effect at once rather than when the cookie expires.
/// API calls without a session get 401/403, pages are sent to the sign-in page.
/// </summary>
internal static class SessionCookie
{
    public const string SignInPage = "/public/signin.html";

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = "leaddesk.session";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.SlidingExpiration = true;
        options.LoginPath = SignInPage;
        options.Events = new CookieAuthenticationEvents
        {
            OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized),
            OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden),
            OnValidatePrincipal = ValidateAsync,
        };
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(status == StatusCodes.Status401Unauthorized ? SignInPage : "/");
        return Task.CompletedTask;
    }

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi");

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var users = context.HttpContext.RequestServices.GetRequiredService<UserDirectory>();
        var sessions = context.HttpContext.RequestServices.GetRequiredService<WebSessions>();
        var idle = context.HttpContext.RequestServices.GetRequiredService<IOptions<WebAdminOptions>>().Value.SessionIdle;
        var ct = context.HttpContext.RequestAborted;
        var user = principal is null ? null : await users.FindAsync(principal.Name(), ct).ConfigureAwait(false);
        if (user is null || principal is null || user.Role.ToToken() != principal.RoleToken() || user.AgentId != principal.AgentId()
            || !await sessions.IsLiveAsync(principal.SessionId(), user.Name, idle, ct).ConfigureAwait(false))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        }
    }
}
