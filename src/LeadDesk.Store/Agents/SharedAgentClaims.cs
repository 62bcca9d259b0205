using Dapper;

namespace LeadDesk.Store.Agents;

/// <summary>
/// Agent claims in a PostgreSQL store several controllers share: one row per agent on a call, naming the controller
/// that holds it, with an expiry that controller renews. Each operation is one statement, so two controllers
/// claiming one agent at the same moment cannot both win, and the expiry is judged by the database's clock alone.
/// </summary>
public sealed class SharedAgentClaims
{
    /// <summary>
    /// Seconds a claim statement may take before it fails: the call path decides ring-or-busy on it, and a caller must
    /// never wait out Npgsql's 30 s default in silence.
    /// </summary>
    public const int CommandTimeoutSeconds = 3;

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
            commandTimeout: CommandTimeoutSeconds,
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
            commandTimeout: CommandTimeoutSeconds,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Every agent a claim holds now, through any controller (for the device states queues judge members by).</summary>
    public async Task<IReadOnlySet<string>> HeldAgentsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var held = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT agent_id FROM agent_claims WHERE expires_at > now()",
            commandTimeout: CommandTimeoutSeconds,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return held.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Lets the agent go, if this call on this controller still holds them (a claim taken over is left alone).</summary>
    public async Task ReleaseAsync(string agentId, string controllerId, string callId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM agent_claims WHERE agent_id = @agentId AND controller_id = @controllerId AND call_id = @callId",
            new { agentId, controllerId, callId },
            commandTimeout: CommandTimeoutSeconds,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Keeps exactly the claims <paramref name="controllerId"/> holds in memory (<paramref name="held"/>, agent and
    /// call): their expiry moves to now + <paramref name="lease"/>, whether or not it had passed (a row that still
    /// names this controller's call was not taken over), and any other row of this controller (a release that failed,
    /// a claim whose statement timed out after committing) is deleted, so no agent stays busy for a call that is over.
    /// Returns how many of <paramref name="held"/> were still this controller's.
    /// </summary>
    public async Task<int> RenewAsync(
        string controllerId, IReadOnlyCollection<(string AgentId, string CallId)> held, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(held);
        var agents = held.Select(h => h.AgentId).ToArray();
        var calls = held.Select(h => h.CallId).ToArray();
        // A renewal that hangs must not outlive the claims it renews.
        var timeout = Math.Max(1, (int)(lease.TotalSeconds / 3));
        await using var connection = await _store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM agent_claims c
            WHERE c.controller_id = @controllerId
              AND NOT EXISTS (SELECT 1 FROM unnest(@agents, @calls) AS h (agent_id, call_id)
                              WHERE h.agent_id = c.agent_id AND h.call_id = c.call_id)
            """,
            new { controllerId, agents, calls },
            commandTimeout: timeout,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE agent_claims c SET expires_at = now() + make_interval(secs => @seconds)
            FROM unnest(@agents, @calls) AS h (agent_id, call_id)
            WHERE c.controller_id = @controllerId AND c.agent_id = h.agent_id AND c.call_id = h.call_id
            """,
            new { controllerId, agents, calls, seconds = lease.TotalSeconds },
            commandTimeout: timeout,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Every agent some controller holds on a call now (expired claims hold nobody), for the web admin.</summary>
    public async Task<IReadOnlyList<Status.AgentOnCall>> ListHeldAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string AgentId, string CallId, string ControllerId)>(new CommandDefinition(
            "SELECT agent_id, call_id, controller_id FROM agent_claims WHERE expires_at > now() ORDER BY agent_id",
            commandTimeout: CommandTimeoutSeconds,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new Status.AgentOnCall(r.AgentId, r.CallId, null, r.ControllerId)).ToList();
    }
}
