using LeadDesk.Store;
using Microsoft.Extensions.Time.Testing;
using LeadDesk.Store.Users;

namespace LeadDesk.Store.Tests.Users;

public abstract class UserDirectoryTests(StoreProvider provider) : StoreTest(provider)
{
    public sealed class OnSqlite() : UserDirectoryTests(StoreProvider.Sqlite);

    public sealed class OnPostgres() : UserDirectoryTests(StoreProvider.Postgres);

    private const string Password = "correct horse battery";

    [Fact]
    public async Task A_user_signs_in_with_their_password_and_not_with_another()
    {
        using var t = NewStore();
        var users = new UserDirectory(t.Store);
        await users.AddAsync("root", UserRole.Admin, null, Password, Seed.Ct);

        var ok = await users.SignInAsync("ROOT", Password, Seed.Ct);
        var wrong = await users.SignInAsync("root", "correct horse battery!", Seed.Ct);
        var unknown = await users.SignInAsync("nobody", Password, Seed.Ct);

        Assert.Equal(SignInOutcome.SignedIn, ok.Outcome);
        Assert.Equal(UserRole.Admin, ok.User!.Role);
        Assert.Equal(SignInOutcome.Refused, wrong.Outcome);
        Assert.Equal(SignInOutcome.Refused, unknown.Outcome);
    }

    [Fact]
    public async Task The_password_is_stored_as_a_salted_hash()
    {
        using var t = NewStore();
        var users = new UserDirectory(t.Store);
        await users.AddAsync("a", UserRole.Admin, null, Password, Seed.Ct);
        await users.AddAsync("b", UserRole.Admin, null, Password, Seed.Ct);

        await using var connection = await t.Store.OpenConnectionAsync(Seed.Ct);
        var hashes = (await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT password_hash FROM users")).ToList();
        Assert.Equal(2, hashes.Count);
        Assert.DoesNotContain(hashes, h => h.Contains("horse", StringComparison.Ordinal));
        Assert.NotEqual(hashes[0], hashes[1]);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_until_the_lock_period_has_passed()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero));
        using var t = NewStore(clock);
        var users = new UserDirectory(t.Store, new LockoutPolicy(5, TimeSpan.FromMinutes(5)));
        await users.AddAsync("root", UserRole.Admin, null, Password, Seed.Ct);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(SignInOutcome.Refused, (await users.SignInAsync("root", "wrong password", Seed.Ct)).Outcome);
        }

        var fifth = await users.SignInAsync("root", "wrong password", Seed.Ct);
        Assert.Equal(SignInOutcome.LockedOut, fifth.Outcome);
        Assert.Equal(clock.GetUtcNow().AddMinutes(5), fifth.LockedUntil);

        // The right password does not get through a lock, but the lock ends by itself.
        Assert.Equal(SignInOutcome.LockedOut, (await users.SignInAsync("root", Password, Seed.Ct)).Outcome);
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(SignInOutcome.LockedOut, (await users.SignInAsync("root", Password, Seed.Ct)).Outcome);
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(SignInOutcome.SignedIn, (await users.SignInAsync("root", Password, Seed.Ct)).Outcome);
        Assert.Equal(0, (await users.FindAsync("root", Seed.Ct))!.FailedAttempts);
    }

    [Fact]
    public async Task Wrong_passwords_arriving_together_are_all_counted()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero));
        using var t = NewStore(clock);
        var users = new UserDirectory(t.Store, new LockoutPolicy(5, TimeSpan.FromMinutes(5)));
        await users.AddAsync("root", UserRole.Admin, null, Password, Seed.Ct);

        var storm = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => users.SignInAsync("root", "wrong password", Seed.Ct), Seed.Ct)));

        Assert.Single(storm, r => r.Outcome == SignInOutcome.LockedOut);
        Assert.Equal(SignInOutcome.LockedOut, (await users.SignInAsync("root", Password, Seed.Ct)).Outcome);
    }

    [Fact]
    public async Task A_new_password_lifts_the_lock()
    {
        using var t = NewStore();
        var users = new UserDirectory(t.Store, new LockoutPolicy(2, TimeSpan.FromHours(1)));
        await users.AddAsync("root", UserRole.Admin, null, Password, Seed.Ct);
        await users.SignInAsync("root", "wrong password", Seed.Ct);
        await users.SignInAsync("root", "wrong password", Seed.Ct);

        await users.SetPasswordAsync("root", "another long password", Seed.Ct);

        Assert.Equal(SignInOutcome.SignedIn, (await users.SignInAsync("root", "another long password", Seed.Ct)).Outcome);
    }

    [Fact]
    public async Task An_agent_user_needs_an_existing_agent_and_other_roles_take_none()
    {
        using var t = NewStore();
        await t.AddAgentAsync("alice", "1001");
        var users = new UserDirectory(t.Store);

        var none = await Assert.ThrowsAsync<RoutingRefusedException>(() => users.AddAsync("al", UserRole.Agent, null, Password, Seed.Ct));
        var unknown = await Assert.ThrowsAsync<RoutingRefusedException>(() => users.AddAsync("al", UserRole.Agent, "bob", Password, Seed.Ct));
        var admin = await Assert.ThrowsAsync<RoutingRefusedException>(() => users.AddAsync("al", UserRole.Admin, "alice", Password, Seed.Ct));
        var agent = await users.AddAsync("al", UserRole.Agent, "alice", Password, Seed.Ct);

        Assert.Contains("--agent", none.Message, StringComparison.Ordinal);
        Assert.Equal("There is no agent 'bob'.", unknown.Message);
        Assert.Contains("takes no --agent", admin.Message, StringComparison.Ordinal);
        Assert.Equal("alice", agent.AgentId);
        Assert.Single(await users.ListAsync(Seed.Ct));
    }

    [Theory]
    [InlineData("tiny12")]
    [InlineData("has a\nnew line")]
    public async Task A_bad_password_is_refused_without_being_quoted(string password)
    {
        using var t = NewStore();
        var e = await Assert.ThrowsAsync<RoutingRefusedException>(() => new UserDirectory(t.Store).AddAsync("root", UserRole.Admin, null, password, Seed.Ct));
        Assert.DoesNotContain(password, e.Message, StringComparison.Ordinal);
        Assert.Empty(await new UserDirectory(t.Store).ListAsync(Seed.Ct));
    }

    [Fact]
    public async Task Role_changes_and_removal_apply_to_the_named_user()
    {
        using var t = NewStore();
        var users = new UserDirectory(t.Store);
        await users.AddAsync("boss", UserRole.Admin, null, Password, Seed.Ct);
        await users.AddAsync("root", UserRole.Admin, null, Password, Seed.Ct);

        await users.SetRoleAsync("root", UserRole.Support, null, Seed.Ct);
        Assert.Equal(UserRole.Support, (await users.FindAsync("root", Seed.Ct))!.Role);

        await users.RemoveAsync("root", Seed.Ct);
        Assert.Null(await users.FindAsync("root", Seed.Ct));
        var e = await Assert.ThrowsAsync<RoutingRefusedException>(() => users.RemoveAsync("root", Seed.Ct));
        Assert.Equal("There is no user 'root'.", e.Message);
    }

    [Fact]
    public async Task The_last_admin_is_neither_demoted_nor_removed_and_nothing_changes()
    {
        using var t = NewStore();
        var users = new UserDirectory(t.Store);
        await users.AddAsync("root", UserRole.Admin, null, Password, Seed.Ct);
        await users.AddAsync("helen", UserRole.Support, null, Password, Seed.Ct);
        var before = await t.SnapshotAsync();

        var demote = await Assert.ThrowsAsync<RoutingRefusedException>(() => users.SetRoleAsync("ROOT", UserRole.Support, null, Seed.Ct));
        var remove = await Assert.ThrowsAsync<RoutingRefusedException>(() => users.RemoveAsync("root", Seed.Ct));

        Assert.Equal(UserDirectory.LastAdminMessage("root"), demote.Message);
        Assert.Equal(UserDirectory.LastAdminMessage("root"), remove.Message);
        Assert.Equal(before, await t.SnapshotAsync());
        Assert.True(await users.IsLastAdminAsync("Root", Seed.Ct));
        Assert.False(await users.IsLastAdminAsync("helen", Seed.Ct));

        // A support user is never the last admin; an admin once another exists may go.
        await users.RemoveAsync("helen", Seed.Ct);
        await users.AddAsync("boss", UserRole.Admin, null, Password, Seed.Ct);
        Assert.False(await users.IsLastAdminAsync("root", Seed.Ct));
        await users.SetRoleAsync("root", UserRole.Support, null, Seed.Ct);
        Assert.Equal(UserDirectory.LastAdminMessage("boss"), (await Assert.ThrowsAsync<RoutingRefusedException>(() => users.RemoveAsync("boss", Seed.Ct))).Message);
    }
}
