using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Admin.Web.SignIn;
using LeadDesk.Store;
using LeadDesk.Store.Users;

namespace LeadDesk.Admin.Web.Users;

/// <summary>
/// <c>/api/users</c>: who may sign in, with which role (<c>users add|list|set|password|remove</c>), through
/// <see cref="UserDirectory"/>; admins only. A role change, a removal or a password reset ends that user's sessions at
/// once (the directory does it). A reset password is typed by the admin or made here and shown once.
/// </summary>
internal static class UsersEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").RequireAuthorization(AdminWebApp.AdminOnlyPolicy).WithTags("Users");

        users.MapGet("/", async (UserDirectory directory, TimeProvider time, CancellationToken ct) =>
                (await directory.ListAsync(ct).ConfigureAwait(false)).Select(u => UserView.From(u, time.GetUtcNow())).ToList())
            .WithSummary("All users with role, agent and lock state");

        users.MapPost("/", async (UserRequest request, UserDirectory directory, TimeProvider time, CancellationToken ct) =>
            {
                var (password, generated) = Password(request.Password);
                var user = await directory.AddAsync(request.Name ?? "", UserRoles.Parse(request.Role), Blank(request.Agent), password, ct).ConfigureAwait(false);
                return Results.Ok(new UserResult(UserView.From(user, time.GetUtcNow()), generated ? password : null));
            })
            .WithSummary("Add a user (role admin|support|agent; agent users name their agent); no password given: one is made and shown once");

        users.MapPut("/{name}", async (string name, UserChangeRequest request, UserDirectory directory, ClaimsPrincipal me, TimeProvider time, CancellationToken ct) =>
            {
                WebUser? user = null;
                string? shown = null;
                if (request.Role is not null)
                {
                    if (string.Equals(name, me.Name(), StringComparison.OrdinalIgnoreCase) && UserRoles.Parse(request.Role) != UserRole.Admin)
                    {
                        // The last admin hears the directory's rule, as the CLI says it; any other admin this one.
                        throw new RoutingRefusedException(await directory.IsLastAdminAsync(name, ct).ConfigureAwait(false)
                            ? UserDirectory.LastAdminMessage(name)
                            : "You cannot take the admin role from yourself: another admin must.");
                    }

                    user = await directory.SetRoleAsync(name, UserRoles.Parse(request.Role), Blank(request.Agent), ct).ConfigureAwait(false);
                }

                if (request.ResetPassword)
                {
                    var (password, generated) = Password(request.Password);
                    await directory.SetPasswordAsync(name, password, ct).ConfigureAwait(false);
                    shown = generated ? password : null;
                }

                user ??= await directory.FindAsync(name, ct).ConfigureAwait(false) ?? throw new RoutingRefusedException($"There is no user '{name}'.");
                return new UserResult(UserView.From(user, time.GetUtcNow()), shown);
            })
            .WithSummary("Change a user's role (and agent), and/or reset their password (typed, or made and shown once); their sessions end");

        users.MapDelete("/{name}", async (string name, UserDirectory directory, ClaimsPrincipal me, CancellationToken ct) =>
            {
                if (string.Equals(name, me.Name(), StringComparison.OrdinalIgnoreCase))
                {
                    throw new RoutingRefusedException(await directory.IsLastAdminAsync(name, ct).ConfigureAwait(false)
                        ? UserDirectory.LastAdminMessage(name)
                        : "You cannot remove yourself: another admin must.");
                }

                await directory.RemoveAsync(name, ct).ConfigureAwait(false);
                return Results.NoContent();
            })
            .WithSummary("Remove a user; their sessions end at once");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    // 16 characters from an alphabet without look-alikes: about 90 bits, readable aloud.
    private static (string Password, bool Generated) Password(string? typed)
    {
        if (!string.IsNullOrEmpty(typed))
        {
            return (typed, false);
        }

        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return (RandomNumberGenerator.GetString(alphabet, 16), true);
    }
}

/// <param name="Password">Typed by the admin; empty: one is made and shown once.</param>
public sealed record UserRequest(string? Name, string? Role, string? Agent, string? Password);

/// <param name="Role">A new role; null leaves it.</param>
/// <param name="ResetPassword">Set a new password: <see cref="Password"/>, or one made and shown once.</param>
public sealed record UserChangeRequest(string? Role, string? Agent, bool ResetPassword = false, string? Password = null);

public sealed record UserView(string Name, string Role, string? AgentId, string? LockedUntil)
{
    public static UserView From(WebUser u, DateTimeOffset now) => new(
        u.Name,
        u.Role.ToToken(),
        u.AgentId,
        u.LockedUntil is { } until && until > now ? until.ToString("O", CultureInfo.InvariantCulture) : null);
}

/// <param name="Password">The password made for this user, shown once; null when the admin typed it.</param>
public sealed record UserResult(UserView User, string? Password);
