using Dapper;

namespace LeadDesk.Store.Agents;

/// <summary>
/// Agent claims in a PostgreSQL store several controllers share: one row per agent on a call, naming the controller
/// that holds it, with an expiry that controller renews. Each operation is one statement, so two controllers
/// claiming one agent at the same moment cannot both win, and the expiry is judged by the database's clock alone.
/// </summary>
public sealed class SharedAgentClaims
{
    private readonly RoutingStore _store;

    public SharedAgentClaims(RoutingStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Provider != StoreProvider.Postgres)
        {
            throw new ArgumentException("Shared agent claims need a PostgreSQL store; with SQLite one controller keeps them in memory.", nameof(store));
        }

        _store = store;
    }

    /// <summary>
    /// Takes the agent for <paramref name="callId"/> on <paramref name="controllerId"/>, for <paramref name="lease"/>.
    /// True when taken: the agent was free, or the claim on them had expired (its controller died). False while
    /// another call holds them.
    /// </summary>
    public async Task<bool> TryTakeAsync(string agentId, string controllerId, string callId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await using var connection = await _store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var taken = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            INSERT INTO agent_claims (agent_id, controller_id, call_id, expires_at)
            VALUES (@agentId, @controllerId, @callId, now() + make_interval(secs => @seconds))
            ON CONFLICT (agent_id) DO UPDATE
                SET controller_id = EXCLUDED.controller_id, call_id = EXCLUDED.call_id, expires_at = EXCLUDED.expires_at
                WHERE agent_claims.expires_at <= now()
            RETURNING call_id
            """,
            new { agentId, controllerId, callId, seconds = lease.TotalSeconds },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return taken is not null;
    }

    /// <summary>Whether any controller holds the agent now (an expired claim holds nobody).</summary>
    public async Task<bool> IsHeldAsync(string agentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM agent_claims WHERE agent_id = @agentId AND expires_at > now())",
            new { agentId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Lets the agent go, if this call on this controller still holds them (a claim taken over is left alone).</summary>
    public async Task ReleaseAsync(string agentId, string controllerId, string callId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM agent_claims WHERE agent_id = @agentId AND controller_id = @controllerId AND call_id = @callId",
            new { agentId, controllerId, callId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Pushes the expiry of every claim <paramref name="controllerId"/> holds to now + <paramref name="lease"/>; how many.</summary>
    public async Task<int> RenewAsync(string controllerId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await using var connection = await _store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE agent_claims SET expires_at = now() + make_interval(secs => @seconds)
            WHERE controller_id = @controllerId AND expires_at > now()
            """,
            new { controllerId, seconds = lease.TotalSeconds },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
