using Dapper;
using Microsoft.AspNetCore.Identity;
using System.Data.Common;
using LeadDesk.Store.Validation;

namespace LeadDesk.Store.Users;

/// <summary>
/// <c>users</c>: who may sign in to the web admin, with which role. Passwords are kept as ASP.NET Core Identity
/// hashes (salted PBKDF2); failed sign-ins are counted per account and lock it for <see cref="LockoutPolicy.Duration"/>.
/// </summary>
public sealed class UserDirectory(RoutingStore store, LockoutPolicy? lockout = null)
{
    private static readonly PasswordHasher<WebUser> Hasher = new();

    // Verified against when the name is unknown, so a wrong name costs as long as a wrong password.
    private static readonly Lazy<string> DecoyHash = new(() => Hasher.HashPassword(null!, Guid.NewGuid().ToString("N")));

    private readonly LockoutPolicy _lockout = lockout ?? LockoutPolicy.Default;

    /// <summary>Adds a user; an <see cref="UserRole.Agent"/> user must name an existing agent, the others none.</summary>
    public async Task<WebUser> AddAsync(string name, UserRole role, string? agentId, string password, CancellationToken cancellationToken = default)
    {
        name = InputRules.UserName(name);
        agentId = CheckAgentFor(role, agentId);
        var hash = Hasher.HashPassword(null!, InputRules.Password(password));
        return await store.WriteAsync(
            async (connection, transaction) =>
            {
                if (await LoadAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false) is { } existing)
                {
                    throw new RoutingRefusedException($"User '{existing.Name}' already exists: use 'users set' or 'users password'.");
                }

                await EnsureAgentExistsAsync(connection, transaction, agentId, cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO users (name, role, agent_id, password_hash, failed_attempts, locked_until, created_at)
                    VALUES (@name, @role, @agentId, @hash, 0, NULL, @now)
                    """,
                    new { name, role = role.ToToken(), agentId, hash, now = store.Now() },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return new WebUser(name, role, agentId, 0, null);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>All users, by name.</summary>
    public async Task<IReadOnlyList<WebUser>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(
            SelectSql + " ORDER BY name", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToUser()).ToList();
    }

    /// <summary>One user by name (any case), or null.</summary>
    public async Task<WebUser?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await LoadAsync(connection, null, name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes a user's role (and the agent an agent user is).</summary>
    public async Task<WebUser> SetRoleAsync(string name, UserRole role, string? agentId, CancellationToken cancellationToken = default)
    {
        name = InputRules.UserName(name);
        agentId = CheckAgentFor(role, agentId);
        return await store.WriteAsync(
            async (connection, transaction) =>
            {
                var current = await RequireAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false);
                if (current.Role == UserRole.Admin && role != UserRole.Admin)
                {
                    await EnsureAnotherAdminAsync(connection, transaction, current.Name, cancellationToken).ConfigureAwait(false);
                }

                await EnsureAgentExistsAsync(connection, transaction, agentId, cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE users SET role = @role, agent_id = @agentId WHERE lower(name) = lower(@name)",
                    new { name, role = role.ToToken(), agentId },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (current.Role != role || !string.Equals(current.AgentId, agentId, StringComparison.Ordinal))
                {
                    await WebSessions.EndAllAsync(connection, transaction, name, keepSessionId: null, cancellationToken).ConfigureAwait(false);
                }

                return current with { Role = role, AgentId = agentId };
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets a new password (the CLI's <c>users password</c>): every web session of the user ends.</summary>
    public Task SetPasswordAsync(string name, string password, CancellationToken cancellationToken) =>
        SetPasswordAsync(name, password, keepSessionId: null, cancellationToken);

    /// <summary>
    /// Sets a new password, lifts every sign-in lock of the name and ends every web session of the user but
    /// <paramref name="keepSessionId"/> (the session of a user who changed their own password goes on).
    /// </summary>
    public async Task SetPasswordAsync(string name, string password, string? keepSessionId = null, CancellationToken cancellationToken = default)
    {
        name = InputRules.UserName(name);
        var hash = Hasher.HashPassword(null!, InputRules.Password(password));
        await store.WriteAsync(
            async (connection, transaction) =>
            {
                var updated = await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE users SET password_hash = @hash, failed_attempts = 0, locked_until = NULL WHERE lower(name) = lower(@name)",
                    new { name, hash },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (updated == 0)
                {
                    throw NoSuchUser(name);
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM sign_in_failures WHERE name_key = lower(@name)", new { name }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                return await WebSessions.EndAllAsync(connection, transaction, name, keepSessionId, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a user and ends their sessions; the last admin is never removed (<see cref="LastAdminMessage"/>).</summary>
    public async Task RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        name = InputRules.UserName(name);
        await store.WriteAsync(
            async (connection, transaction) =>
            {
                var current = await RequireAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false);
                if (current.Role == UserRole.Admin)
                {
                    await EnsureAnotherAdminAsync(connection, transaction, current.Name, cancellationToken).ConfigureAwait(false);
                }

                var removed = await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM users WHERE lower(name) = lower(@name)", new { name }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (removed == 0)
                {
                    throw NoSuchUser(name);
                }

                return await WebSessions.EndAllAsync(connection, transaction, name, keepSessionId: null, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks a password for a caller that has no network address (tests, tools): all such callers share one.</summary>
    public Task<SignInResult> SignInAsync(string name, string password, CancellationToken cancellationToken = default) =>
        SignInAsync(name, password, "local", cancellationToken);

    /// <summary>
    /// Checks a password tried from <paramref name="address"/>. Failures are counted per (name, address), for names
    /// that exist and names that do not alike, so the answers never tell which names exist; the
    /// <see cref="LockoutPolicy.MaxFailures"/>th in a row locks that pair (<see cref="LockoutPolicy.LockFor"/>) on the
    /// store's clock. While a pair is locked no password is checked (a storm cannot guess its way in), the name still
    /// signs in from elsewhere, and the lock ends by itself.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string name, string password, string address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var nameKey = (name ?? "").Trim().ToLowerInvariant();
        if (nameKey.Length > InputRules.MaxIdLength)
        {
            nameKey = nameKey[..InputRules.MaxIdLength];
        }

        address = address.Length > 64 ? address[..64] : address;

        // The slow hash is checked outside any transaction: a sign-in (or a storm of them) never holds the write lock
        // that admin changes, and on SQLite the call log, wait for. Each write below is then one statement.
        UserRow? row = null;
        FailureRow? failures;
        var now = store.Time.GetUtcNow();
        var stamp = Timestamps.Format(now);
        await using (var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            failures = await connection.QuerySingleOrDefaultAsync<FailureRow>(new CommandDefinition(
                "SELECT locks AS Locks, locked_until AS LockedUntil FROM sign_in_failures WHERE name_key = @nameKey AND address = @address",
                new { nameKey, address },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (failures?.LockedUntil is { } lockedUntil && string.CompareOrdinal(lockedUntil, stamp) > 0)
            {
                return new SignInResult(SignInOutcome.LockedOut, null, Timestamps.Parse(lockedUntil));
            }

            if (nameKey.Length > 0)
            {
                row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
                    SelectSql + " WHERE lower(name) = @nameKey", new { nameKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
        }

        var usable = nameKey.Length > 0 && !string.IsNullOrEmpty(password) && password.Length <= InputRules.MaxPasswordLength;
        var verdict = PasswordVerificationResult.Failed;
        if (row is null || !usable)
        {
            // A wrong name costs as long as a wrong password.
            Hasher.VerifyHashedPassword(null!, DecoyHash.Value, usable ? password : "x");
        }
        else
        {
            verdict = Hasher.VerifyHashedPassword(row.ToUser(), row.PasswordHash, password);
        }

        if (verdict == PasswordVerificationResult.Failed)
        {
            return await CountFailureAsync(nameKey, address, failures?.Locks ?? 0, now, cancellationToken).ConfigureAwait(false);
        }

        var user = row!.ToUser();
        var hash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(user, password) : row.PasswordHash;
        var signedIn = await store.WriteAsync(
            async (connection, transaction) =>
            {
                // A lock a storm from this address set meanwhile still wins over this right password.
                var locked = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM sign_in_failures WHERE name_key = @nameKey AND address = @address AND locked_until > @now",
                    new { nameKey, address, now = stamp },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (locked > 0)
                {
                    return false;
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM sign_in_failures WHERE name_key = @nameKey AND address = @address",
                    new { nameKey, address },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (!string.Equals(hash, row.PasswordHash, StringComparison.Ordinal))
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        "UPDATE users SET password_hash = @hash WHERE lower(name) = @nameKey",
                        new { nameKey, hash },
                        transaction,
                        cancellationToken: cancellationToken)).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);
        return signedIn
            ? new SignInResult(SignInOutcome.SignedIn, user with { FailedAttempts = 0, LockedUntil = null }, null)
            : new SignInResult(SignInOutcome.Refused, null, null);
    }

    // Counted in the statement itself, so failures arriving together are all counted; rows of pairs that have not
    // failed for a day, and are not locked, are dropped on the way.
    private async Task<SignInResult> CountFailureAsync(string nameKey, string address, long earlierLocks, DateTimeOffset now, CancellationToken ct)
    {
        var stamp = Timestamps.Format(now);
        var lockedUntil = Timestamps.Format(now + _lockout.LockFor(earlierLocks));
        var locked = await store.WriteAsync(
            async (connection, transaction) =>
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM sign_in_failures WHERE last_failed_at < @dayAgo AND (locked_until IS NULL OR locked_until < @now)",
                    new { dayAgo = Timestamps.Format(now - TimeSpan.FromDays(1)), now = stamp },
                    transaction,
                    cancellationToken: ct)).ConfigureAwait(false);
                return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                    """
                    INSERT INTO sign_in_failures (name_key, address, failures, locks, locked_until, last_failed_at)
                    VALUES (@nameKey, @address, CASE WHEN 1 >= @max THEN 0 ELSE 1 END, CASE WHEN 1 >= @max THEN 1 ELSE 0 END,
                            CASE WHEN 1 >= @max THEN @lockedUntil ELSE NULL END, @now)
                    ON CONFLICT (name_key, address) DO UPDATE SET
                        locked_until = CASE WHEN sign_in_failures.failures + 1 >= @max THEN @lockedUntil ELSE sign_in_failures.locked_until END,
                        locks = CASE WHEN sign_in_failures.failures + 1 >= @max THEN sign_in_failures.locks + 1 ELSE sign_in_failures.locks END,
                        failures = CASE WHEN sign_in_failures.failures + 1 >= @max THEN 0 ELSE sign_in_failures.failures + 1 END,
                        last_failed_at = @now
                    RETURNING locked_until
                    """,
                    new { nameKey, address, max = (long)_lockout.MaxFailures, lockedUntil, now = stamp },
                    transaction,
                    cancellationToken: ct)).ConfigureAwait(false);
            },
            ct).ConfigureAwait(false);
        return locked is { } l && string.CompareOrdinal(l, stamp) > 0
            ? new SignInResult(SignInOutcome.LockedOut, null, Timestamps.Parse(l))
            : new SignInResult(SignInOutcome.Refused, null, null);
    }

    /// <summary>Whether <paramref name="password"/> is <paramref name="name"/>'s (a password change asks for the current one). Counts nothing.</summary>
    public async Task<bool> VerifyPasswordAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        UserRow? row;
        await using (var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
                SelectSql + " WHERE lower(name) = lower(@name)", new { name }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        if (row is null || string.IsNullOrEmpty(password) || password.Length > InputRules.MaxPasswordLength)
        {
            Hasher.VerifyHashedPassword(null!, DecoyHash.Value, "x");
            return false;
        }

        return Hasher.VerifyHashedPassword(row.ToUser(), row.PasswordHash, password) != PasswordVerificationResult.Failed;
    }

    // The lock columns say what sign_in_failures holds for the name from any address: the latest lock, and the
    // failures counted towards the next one.
    private const string SelectSql = """
        SELECT name AS Name, role AS Role, agent_id AS AgentId, password_hash AS PasswordHash,
               COALESCE((SELECT SUM(f.failures) FROM sign_in_failures f WHERE f.name_key = lower(users.name)), 0) AS FailedAttempts,
               (SELECT MAX(f.locked_until) FROM sign_in_failures f WHERE f.name_key = lower(users.name)) AS LockedUntil
        FROM users
        """;

    private static string? CheckAgentFor(UserRole role, string? agentId)
    {
        var given = string.IsNullOrWhiteSpace(agentId) ? null : InputRules.AgentId(agentId);
        return (role, given) switch
        {
            (UserRole.Agent, null) => throw new RoutingRefusedException("An agent user needs the agent they are (--agent ID)."),
            (not UserRole.Agent, not null) => throw new RoutingRefusedException($"Only agent users are tied to an agent; role {role.ToToken()} takes no --agent."),
            _ => given,
        };
    }

    private static async Task EnsureAgentExistsAsync(DbConnection connection, DbTransaction transaction, string? agentId, CancellationToken ct)
    {
        if (agentId is null)
        {
            return;
        }

        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM agents WHERE id = @agentId", new { agentId }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        if (count == 0)
        {
            throw new RoutingRefusedException($"There is no agent '{agentId}'.");
        }
    }

    private static async Task<WebUser?> LoadAsync(DbConnection connection, DbTransaction? transaction, string name, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            SelectSql + " WHERE lower(name) = lower(@name)", new { name }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToUser();
    }

    private static async Task<WebUser> RequireAsync(DbConnection connection, DbTransaction transaction, string name, CancellationToken ct) =>
        await LoadAsync(connection, transaction, name, ct).ConfigureAwait(false) ?? throw NoSuchUser(name);

    /// <summary>
    /// Why the last admin cannot be removed or given another role (the CLI and the web say the same): nobody would be
    /// left to manage users, and only a server shell could put one back.
    /// </summary>
    public static string LastAdminMessage(string name) =>
        $"'{name}' is the last admin: nobody could manage users without one. Make another user admin first.";

    /// <summary>Whether <paramref name="name"/> is an admin and no other user is (removing or demoting them is refused).</summary>
    public async Task<bool> IsLastAdminAsync(string name, CancellationToken cancellationToken = default)
    {
        name = InputRules.UserName(name);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var admins = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM users WHERE role = @admin", new { admin = UserRole.Admin.ToToken() }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        return admins.Count == 1 && string.Equals(admins[0], name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Refuses the change when <paramref name="name"/> is the only admin (read in the change's own transaction).</summary>
    private static async Task EnsureAnotherAdminAsync(DbConnection connection, DbTransaction transaction, string name, CancellationToken cancellationToken)
    {
        var others = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM users WHERE role = @admin AND lower(name) <> lower(@name)",
            new { admin = UserRole.Admin.ToToken(), name },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (others == 0)
        {
            throw new RoutingRefusedException(LastAdminMessage(name));
        }
    }

    private static RoutingRefusedException NoSuchUser(string name) => new($"There is no user '{name}'.");

    private sealed class FailureRow
    {
        public long Locks { get; set; }
        public string? LockedUntil { get; set; }
    }

    private sealed class UserRow
    {
        public string Name { get; set; } = "";
        public string Role { get; set; } = "";
        public string? AgentId { get; set; }
        public string PasswordHash { get; set; } = "";
        public long FailedAttempts { get; set; }
        public string? LockedUntil { get; set; }

        public WebUser ToUser() => new(Name, UserRoles.Parse(Role), AgentId, (int)FailedAttempts, Timestamps.ParseOrNull(LockedUntil));
    }
}
