using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using LeadDesk.Store.Users;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary><c>users</c>: who may sign in to the web admin (src/Admin.Web), with which role.</summary>
internal static class UsersCommand
{
    public static Command Create(CommandFactory factory)
    {
        var group = new Command(
            "users",
            "Web admin users: admin (routes, numbers, agents, queues), support (also custom destinations), agent (own settings only). " +
            "Passwords are read from standard input (one line) or LEADDESK_PASSWORD, never from an argument.");

        var addName = Name();
        var addRole = Role(required: true);
        var addAgent = Agent();
        var add = factory.Leaf("users", "add", "Add a user; the password comes from standard input or LEADDESK_PASSWORD", async (ctx, pr, ct) =>
        {
            var role = UserRoles.Parse(pr.GetValue(addRole));
            var password = PasswordInput.Read(ctx);
            var user = await new UserDirectory(ctx.Store).AddAsync(pr.GetValue(addName)!, role, pr.GetValue(addAgent), password, ct).ConfigureAwait(false);
            Done(ctx, user, "Created");
        });
        add.Arguments.Add(addName);
        add.Options.Add(addRole);
        add.Options.Add(addAgent);
        group.Subcommands.Add(add);

        var list = factory.Leaf("users", "list", "List users with their role, agent and lock state", async (ctx, pr, ct) =>
        {
            var users = await new UserDirectory(ctx.Store).ListAsync(ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(users.Select(ToJson));
                return;
            }

            var table = new Table().AddColumns("Name", "Role", "Agent", "Locked until (UTC)");
            foreach (var u in users)
            {
                var locked = u.LockedUntil is { } until && until > ctx.Store.Time.GetUtcNow()
                    ? until.ToString("u", CultureInfo.InvariantCulture)
                    : "";
                table.AddRow(new Text(u.Name), new Text(u.Role.ToToken()), new Text(u.AgentId ?? ""), new Text(locked));
            }

            ctx.Console().Write(table);
        });
        group.Subcommands.Add(list);

        var setName = Name();
        var setRole = Role(required: true);
        var setAgent = Agent();
        var set = factory.Leaf("users", "set", "Change a user's role (and the agent an agent user is)", async (ctx, pr, ct) =>
        {
            var user = await new UserDirectory(ctx.Store)
                .SetRoleAsync(pr.GetValue(setName)!, UserRoles.Parse(pr.GetValue(setRole)), pr.GetValue(setAgent), ct).ConfigureAwait(false);
            Done(ctx, user, "Updated");
        });
        set.Arguments.Add(setName);
        set.Options.Add(setRole);
        set.Options.Add(setAgent);
        group.Subcommands.Add(set);

        var removeName = Name();
        var remove = factory.Leaf("users", "remove", "Remove a user (they can no longer sign in)", async (ctx, pr, ct) =>
        {
            var name = pr.GetValue(removeName)!;
            await new UserDirectory(ctx.Store).RemoveAsync(name, ct).ConfigureAwait(false);
            Say(ctx, name, "removed", $"Removed user '{name}'.");
        });
        remove.Arguments.Add(removeName);
        group.Subcommands.Add(remove);

        var passwordName = Name();
        var password = factory.Leaf("users", "password", "Set a user's password (and lift a lock-out); read like 'users add'", async (ctx, pr, ct) =>
        {
            var name = pr.GetValue(passwordName)!;
            await new UserDirectory(ctx.Store).SetPasswordAsync(name, PasswordInput.Read(ctx), ct).ConfigureAwait(false);
            Say(ctx, name, "password changed", $"Changed the password of user '{name}'.");
        });
        password.Arguments.Add(passwordName);
        group.Subcommands.Add(password);
        return group;
    }

    private static Argument<string> Name() => new("NAME") { Description = "The user name they sign in with" };

    private static Option<string> Role(bool required)
    {
        var role = new Option<string>("--role") { Description = "The user's role", HelpName = "admin|support|agent", Required = required };
        role.AcceptOnlyFromAmong(UserRoles.AdminToken, UserRoles.SupportToken, UserRoles.AgentToken);
        return role;
    }

    private static Option<string?> Agent() => new("--agent") { Description = "For --role agent: the agent this user is", HelpName = "ID" };

    private static object ToJson(WebUser u) => new { name = u.Name, role = u.Role.ToToken(), agentId = u.AgentId, lockedUntil = u.LockedUntil };

    private static void Done(CliContext ctx, WebUser user, string verb)
    {
        if (ctx.Json)
        {
            ctx.WriteJson(ToJson(user));
            return;
        }

        var what = user.AgentId is null ? user.Role.ToToken() : $"agent '{user.AgentId}'";
        ctx.Say($"{verb} user '{user.Name}' ({what}).");
    }

    private static void Say(CliContext ctx, string name, string result, string line)
    {
        if (ctx.Json)
        {
            ctx.WriteJson(new { name, result });
        }
        else
        {
            ctx.Say(line);
        }
    }
}
