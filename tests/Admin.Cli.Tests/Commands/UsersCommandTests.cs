using LeadDesk.Store;
using LeadDesk.Store.Users;
using Microsoft.Data.Sqlite;

namespace Admin.Cli.Tests.Commands;

public class UsersCommandTests
{
    private const string Password = "a long enough secret";

    private static Task<SignInResult> SignInAsync(CliRun cli, string name, string password) =>
        new UserDirectory(RoutingStore.Open(cli.DbPath)).SignInAsync(name, password, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Users_add_reads_the_password_from_standard_input_and_prints_one_line()
    {
        using var cli = new CliRun();

        var (code, output, err) = await cli.RunWithInputAsync(Password + "\n", null, "users", "add", "root", "--role", "admin");

        Assert.True(code == 0, err);
        Assert.Equal("Created user 'root' (admin)." + Environment.NewLine, output);
        Assert.Equal(SignInOutcome.SignedIn, (await SignInAsync(cli, "root", Password)).Outcome);
    }

    [Fact]
    public async Task Users_add_takes_LEADDESK_PASSWORD_before_standard_input()
    {
        using var cli = new CliRun();

        var (code, _, err) = await cli.RunWithInputAsync("ignored line here\n", new Dictionary<string, string?> { ["LEADDESK_PASSWORD"] = Password }, "users", "add", "root", "--role", "admin");

        Assert.True(code == 0, err);
        Assert.Equal(SignInOutcome.SignedIn, (await SignInAsync(cli, "root", Password)).Outcome);
        Assert.Equal(SignInOutcome.Refused, (await SignInAsync(cli, "root", "ignored line here")).Outcome);
    }

    [Fact]
    public async Task Users_add_without_a_password_is_refused_and_creates_nobody()
    {
        using var cli = new CliRun();

        var (code, _, err) = await cli.RunWithInputAsync("", null, "users", "add", "root", "--role", "admin");

        Assert.Equal(1, code);
        Assert.Equal("refused: No password given: write it as one line to standard input or set LEADDESK_PASSWORD." + Environment.NewLine, err);
        Assert.Equal(0, (await cli.JsonAsync("users", "list")).GetArrayLength());
    }

    [Fact]
    public async Task A_password_argument_is_a_usage_error()
    {
        using var cli = new CliRun();
        var (code, _, _) = await cli.RunWithInputAsync(Password + "\n", null, "users", "add", "root", "--role", "admin", "--password", "secret-on-the-command-line");
        Assert.Equal(2, code);
        Assert.Equal(0, (await cli.JsonAsync("users", "list")).GetArrayLength());
    }

    [Fact]
    public async Task An_agent_user_is_tied_to_an_existing_agent()
    {
        using var cli = new CliRun();
        await cli.OkAsync("agents", "add", "alice", "--name", "Alice A", "--extension", "1001", "--email", "alice@example.com");

        var missing = await cli.RunWithInputAsync(Password + "\n", null, "users", "add", "al", "--role", "agent", "--agent", "bob");
        var (code, output, err) = await cli.RunWithInputAsync(Password + "\n", null, "users", "add", "al", "--role", "agent", "--agent", "alice");

        Assert.Equal(1, missing.Code);
        Assert.Equal("refused: There is no agent 'bob'." + Environment.NewLine, missing.Err);
        Assert.True(code == 0, err);
        Assert.Equal("Created user 'al' (agent 'alice')." + Environment.NewLine, output);
        var user = (await cli.JsonAsync("users", "list"))[0];
        Assert.Equal("agent", user.GetProperty("role").GetString());
        Assert.Equal("alice", user.GetProperty("agentId").GetString());
    }

    [Fact]
    public async Task A_bad_role_is_a_usage_error()
    {
        using var cli = new CliRun();
        var (code, _, _) = await cli.RunWithInputAsync(Password + "\n", null, "users", "add", "root", "--role", "superuser");
        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Users_set_password_and_remove_change_who_can_sign_in()
    {
        using var cli = new CliRun();
        await cli.RunWithInputAsync(Password + "\n", null, "users", "add", "boss", "--role", "admin");
        await cli.RunWithInputAsync(Password + "\n", null, "users", "add", "root", "--role", "admin");

        var set = await cli.RunWithInputAsync("", null, "users", "set", "root", "--role", "support");
        var password = await cli.RunWithInputAsync("the second long secret\n", null, "users", "password", "root");

        Assert.Equal("Updated user 'root' (support)." + Environment.NewLine, set.Out);
        Assert.Equal("Changed the password of user 'root'." + Environment.NewLine, password.Out);
        Assert.Equal(SignInOutcome.Refused, (await SignInAsync(cli, "root", Password)).Outcome);
        var signedIn = await SignInAsync(cli, "root", "the second long secret");
        Assert.Equal(UserRole.Support, signedIn.User!.Role);

        var remove = await cli.RunWithInputAsync("", null, "users", "remove", "root");
        var again = await cli.RunWithInputAsync("", null, "users", "remove", "root");
        Assert.Equal("Removed user 'root'." + Environment.NewLine, remove.Out);
        Assert.Equal(1, again.Code);
        Assert.Equal("refused: There is no user 'root'." + Environment.NewLine, again.Err);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task The_last_admin_is_neither_removed_nor_demoted_and_the_message_is_the_webs()
    {
        using var cli = new CliRun();
        await cli.RunWithInputAsync(Password + "\n", null, "users", "add", "root", "--role", "admin");
        await cli.RunWithInputAsync(Password + "\n", null, "users", "add", "helen", "--role", "support");

        var demote = await cli.RunWithInputAsync("", null, "users", "set", "root", "--role", "support");
        var remove = await cli.RunWithInputAsync("", null, "users", "remove", "root");

        Assert.Equal(1, demote.Code);
        Assert.Equal("refused: " + UserDirectory.LastAdminMessage("root") + Environment.NewLine, demote.Err);
        Assert.Equal(1, remove.Code);
        Assert.Equal("refused: " + UserDirectory.LastAdminMessage("root") + Environment.NewLine, remove.Err);
        Assert.Equal(UserRole.Admin, (await SignInAsync(cli, "root", Password)).User!.Role);

        // With a second admin either may go.
        await cli.RunWithInputAsync("", null, "users", "set", "helen", "--role", "admin");
        Assert.Equal(0, (await cli.RunWithInputAsync("", null, "users", "remove", "root")).Code);
        SqliteConnection.ClearAllPools();
    }
}
