using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace LeadDesk.Store.Users;

/// <summary>
/// <c>web_sessions</c>: the web admin's signed-in sessions. The cookie carries a random id; the store keeps only its
/// SHA-256, so a copy of the database opens no session. A session lives while its row does: signing out deletes it
/// (however many copies of the cookie exist), a password change, role change or removal deletes every session of
/// that user, and a session unused for the idle time is dead here too, whatever the cookie says.
/// </summary>
public sealed class WebSessions(RoutingStore store)
{
    /// <summary>A live session's last use is written at most this often (one small write a minute per active session).</summary>
    public static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(1);

    /// <summary>Starts a session for <paramref name="userName"/> and returns the id its cookie carries.</summary>
    /// <param name="idle">Sessions of anyone unused for this long are deleted on the way.</param>
    public async Task<string> StartAsync(string userName, TimeSpan idle, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = store.Time.GetUtcNow();
        await store.WriteAsync(
            async (connection, transaction) =>
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM web_sessions WHERE seen_at < @cutoff",
                    new { cutoff = Timestamps.Format(now - idle) },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO web_sessions (id_hash, user_name, created_at, seen_at) VALUES (@hash, @userName, @now, @now)",
                    new { hash = Hash(id), userName, now = Timestamps.Format(now) },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>
    /// Whether <paramref name="sessionId"/> is a live session of <paramref name="userName"/>, used within
    /// <paramref name="idle"/>; marks it used.
    /// </summary>
    public async Task<bool> IsLiveAsync(string? sessionId, string userName, TimeSpan idle, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(sessionId) || string.IsNullOrEmpty(userName))
        {
            return false;
        }

        var hash = Hash(sessionId);
        string? seen;
        await using (var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            seen = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                "SELECT seen_at FROM web_sessions WHERE id_hash = @hash AND lower(user_name) = lower(@userName)",
                new { hash, userName },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        var now = store.Time.GetUtcNow();
        if (seen is null || Timestamps.Parse(seen) + idle < now)
        {
            return false;
        }

        if (now - Timestamps.Parse(seen) >= SeenResolution)
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE web_sessions SET seen_at = @now WHERE id_hash = @hash",
                new { hash, now = Timestamps.Format(now) },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Ends one session (sign-out): every copy of its cookie stops working.</summary>
    public async Task EndAsync(string? sessionId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return;
        }

        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM web_sessions WHERE id_hash = @hash", new { hash = Hash(sessionId) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>How many sessions <paramref name="userName"/> has (for tests and <c>users list</c>).</summary>
    public async Task<int> CountAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM web_sessions WHERE lower(user_name) = lower(@userName)", new { userName }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Deletes every session of <paramref name="userName"/> but <paramref name="keepSessionId"/>, inside a write.</summary>
    internal static Task<int> EndAllAsync(DbConnection connection, DbTransaction? transaction, string userName, string? keepSessionId, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM web_sessions WHERE lower(user_name) = lower(@userName) AND id_hash <> @keep",
            new { userName, keep = keepSessionId is null ? "" : Hash(keepSessionId) },
            transaction,
            cancellationToken: ct));

    private static string Hash(string sessionId) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));
}
