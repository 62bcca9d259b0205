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
                await EnsureAgentExistsAsync(connection, transaction, agentId, cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE users SET role = @role, agent_id = @agentId WHERE lower(name) = lower(@name)",
                    new { name, role = role.ToToken(), agentId },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return current with { Role = role, AgentId = agentId };
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets a new password and lifts any lock.</summary>
    public async Task SetPasswordAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        name = InputRules.UserName(name);
        var hash = Hasher.HashPassword(null!, InputRules.Password(password));
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET password_hash = @hash, failed_attempts = 0, locked_until = NULL WHERE lower(name) = lower(@name)",
            new { name, hash },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (updated == 0)
        {
            throw NoSuchUser(name);
        }
    }

    public async Task RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        name = InputRules.UserName(name);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM users WHERE lower(name) = lower(@name)", new { name }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (removed == 0)
        {
            throw NoSuchUser(name);
        }
    }

    /// <summary>
    /// Checks a password. A failure counts against the account; the <see cref="LockoutPolicy.MaxFailures"/>th in a
    /// row locks it until <see cref="LockoutPolicy.Duration"/> has passed on the store's clock. While locked, no
    /// password is checked (a storm cannot guess its way in), and the lock then ends by itself.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > InputRules.MaxIdLength || string.IsNullOrEmpty(password)
            || password.Length > InputRules.MaxPasswordLength)
        {
            return new SignInResult(SignInOutcome.Refused, null, null);
        }

        name = name.Trim();

        // The slow hash is checked outside any transaction: a sign-in (or a storm of them) never holds the write lock
        // that admin changes, and on SQLite the call log, wait for. Each write below is then one statement.
        UserRow? row;
        await using (var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
                SelectSql + " WHERE lower(name) = lower(@name)", new { name }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        if (row is null)
        {
            Hasher.VerifyHashedPassword(null!, DecoyHash.Value, password);
            return new SignInResult(SignInOutcome.Refused, null, null);
        }

        var now = store.Time.GetUtcNow();
        var user = row.ToUser();
        if (user.LockedUntil is { } until && until > now)
        {
            return new SignInResult(SignInOutcome.LockedOut, null, until);
        }

        var verdict = Hasher.VerifyHashedPassword(user, row.PasswordHash, password);
        var stamp = Timestamps.Format(now);
        if (verdict == PasswordVerificationResult.Failed)
        {
            // Counted in the statement itself, so failures arriving together are all counted.
            var lockedUntil = Timestamps.Format(now + _lockout.Duration);
            var locked = await store.WriteAsync(
                (connection, transaction) => connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                    """
                    UPDATE users
                    SET locked_until = CASE WHEN failed_attempts + 1 >= @max THEN @lockedUntil ELSE locked_until END,
                        failed_attempts = CASE WHEN failed_attempts + 1 >= @max THEN 0 ELSE failed_attempts + 1 END
                    WHERE lower(name) = lower(@name)
                    RETURNING locked_until
                    """,
                    new { name = user.Name, max = (long)_lockout.MaxFailures, lockedUntil },
                    transaction,
                    cancellationToken: cancellationToken)),
                cancellationToken).ConfigureAwait(false);
            return locked is { } l && string.CompareOrdinal(l, stamp) > 0
                ? new SignInResult(SignInOutcome.LockedOut, null, Timestamps.Parse(l))
                : new SignInResult(SignInOutcome.Refused, null, null);
        }

        var hash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(user, password) : row.PasswordHash;
        // A lock a storm set meanwhile still wins over this right password.
        var signedIn = await store.WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE users SET failed_attempts = 0, locked_until = NULL, password_hash = @hash
                WHERE lower(name) = lower(@name) AND (locked_until IS NULL OR locked_until <= @now)
                """,
                new { name = user.Name, hash, now = stamp },
                transaction,
                cancellationToken: cancellationToken)),
            cancellationToken).ConfigureAwait(false);
        return signedIn == 1
            ? new SignInResult(SignInOutcome.SignedIn, user with { FailedAttempts = 0, LockedUntil = null }, null)
            : new SignInResult(SignInOutcome.Refused, null, null);
    }

    private const string SelectSql = """
        SELECT name AS Name, role AS Role, agent_id AS AgentId, password_hash AS PasswordHash,
               failed_attempts AS FailedAttempts, locked_until AS LockedUntil
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

    private static RoutingRefusedException NoSuchUser(string name) => new($"There is no user '{name}'.");

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
