using System.Globalization;
using System.Security.Claims;
using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store;
using LeadDesk.Store.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace LeadDesk.Admin.Web.SignIn;

/// <summary><c>/api/antiforgery</c>, <c>/api/session</c> (sign in, sign out), <c>/api/me</c> and the user's own password.</summary>
internal static class SignInEndpoints
{
    /// <summary>The one answer to a wrong name or a wrong password: the two are never told apart.</summary>
    public const string WrongNameOrPassword = "Wrong user name or password.";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
            {
                var tokens = antiforgery.GetAndStoreTokens(http);
                return new AntiforgeryToken(tokens.RequestToken!, AntiforgeryCheck.HeaderName);
            })
            .AllowAnonymous()
            .WithSummary("An anti-forgery token for the X-CSRF-TOKEN header of changes (fetch again after signing in)");

        api.MapPost("/session", SignInAsync)
            .AllowAnonymous()
            .RequireRateLimiting(AdminWebApp.SignInLimiter)
            .WithSummary("Sign in; 401 wrong name or password, 423 too many failures for this name from this address for a while, 429 too many attempts from this address");

        api.MapDelete("/session", async (HttpContext http, WebSessions sessions) =>
            {
                // The session row goes first: every copy of this cookie is dead, not only the browser's.
                await sessions.EndAsync(http.User.SessionId(), http.RequestAborted).ConfigureAwait(false);
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
                return Results.NoContent();
            })
            .WithSummary("Sign out: the session ends wherever its cookie was copied");

        api.MapGet("/me", (ClaimsPrincipal user) => new CurrentUser(user.Name(), user.RoleToken(), user.AgentId()))
            .WithSummary("The signed-in user");

        api.MapPut("/me/password", ChangeOwnPasswordAsync)
            .WithSummary("Change your own password (the current one is asked for); your other sessions end, this one goes on");
    }

    private static async Task<IResult> SignInAsync(
        SignInRequest request, HttpContext http, UserDirectory users, WebSessions sessions, IOptions<WebAdminOptions> options, ILoggerFactory loggers)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var result = await users.SignInAsync(request.Name ?? "", request.Password ?? "", address, http.RequestAborted).ConfigureAwait(false);
        var log = loggers.CreateLogger("LeadDesk.Admin.Web.SignIn");
        switch (result.Outcome)
        {
            case SignInOutcome.SignedIn:
                var user = result.User!;
                var sessionId = await sessions.StartAsync(user.Name, options.Value.SessionIdle, http.RequestAborted).ConfigureAwait(false);
                await http.SignInAsync(
                    CookieAuthenticationDefaults.AuthenticationScheme,
                    UserClaims.ToPrincipal(user, sessionId, CookieAuthenticationDefaults.AuthenticationScheme)).ConfigureAwait(false);
                log.LogInformation("User {User} signed in from {Address}", user.Name, address);
                return Results.Ok(new CurrentUser(user.Name, user.Role.ToToken(), user.AgentId));
            case SignInOutcome.LockedOut:
                log.LogWarning("Refused sign-in as {Name} from {Address}: locked until {Until:O}", SignInLog.Printable(request.Name), address, result.LockedUntil);
                return Results.Json(
                    new ApiError($"Too many failed sign-ins for this name from your address: try again after {result.LockedUntil!.Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC."),
                    statusCode: StatusCodes.Status423Locked);
            default:
                log.LogWarning("Refused sign-in as {Name} from {Address}: wrong name or password", SignInLog.Printable(request.Name), address);
                return Results.Json(new ApiError(WrongNameOrPassword), statusCode: StatusCodes.Status401Unauthorized);
        }
    }

    private static async Task<IResult> ChangeOwnPasswordAsync(PasswordChangeRequest request, ClaimsPrincipal principal, UserDirectory users, CancellationToken ct)
    {
        if (!await users.VerifyPasswordAsync(principal.Name(), request.Current ?? "", ct).ConfigureAwait(false))
        {
            throw new RoutingRefusedException("The current password is not right: nothing was changed.");
        }

        await users.SetPasswordAsync(principal.Name(), request.New ?? "", principal.SessionId() ?? "", ct).ConfigureAwait(false);
        return Results.NoContent();
    }
}
