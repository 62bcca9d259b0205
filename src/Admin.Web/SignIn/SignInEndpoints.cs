using System.Globalization;
using System.Security.Claims;
using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace LeadDesk.Admin.Web.SignIn;

/// <summary><c>/api/antiforgery</c>, <c>/api/session</c> (sign in, sign out) and <c>/api/me</c>.</summary>
internal static class SignInEndpoints
{
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
            .WithSummary("Sign in; 401 wrong name or password, 423 account locked for a while, 429 too many attempts from this address");

        api.MapDelete("/session", async (HttpContext http) =>
            {
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
                return Results.NoContent();
            })
            .WithSummary("Sign out");

        api.MapGet("/me", (ClaimsPrincipal user) => new CurrentUser(user.Name(), user.RoleToken(), user.AgentId()))
            .WithSummary("The signed-in user");
    }

    private static async Task<IResult> SignInAsync(SignInRequest request, HttpContext http, UserDirectory users, ILoggerFactory loggers)
    {
        var result = await users.SignInAsync(request.Name ?? "", request.Password ?? "", http.RequestAborted).ConfigureAwait(false);
        var log = loggers.CreateLogger("LeadDesk.Admin.Web.SignIn");
        switch (result.Outcome)
        {
            case SignInOutcome.SignedIn:
                var user = result.User!;
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, UserClaims.ToPrincipal(user, CookieAuthenticationDefaults.AuthenticationScheme)).ConfigureAwait(false);
                log.LogInformation("User {User} signed in from {Address}", user.Name, http.Connection.RemoteIpAddress);
                return Results.Ok(new CurrentUser(user.Name, user.Role.ToToken(), user.AgentId));
            case SignInOutcome.LockedOut:
                log.LogWarning("Sign-in for a locked account from {Address}", http.Connection.RemoteIpAddress);
                return Results.Json(
                    new ApiError($"Too many failed sign-ins: this account is locked until {result.LockedUntil!.Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC."),
                    statusCode: StatusCodes.Status423Locked);
            default:
                log.LogWarning("Failed sign-in from {Address}", http.Connection.RemoteIpAddress);
                return Results.Json(new ApiError("Wrong user name or password."), statusCode: StatusCodes.Status401Unauthorized);
        }
    }
}
