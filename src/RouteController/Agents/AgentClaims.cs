namespace LeadDesk.RouteController.Agents;

/// <summary>
/// Which agents are on a call right now, so that two callers for one agent never ring the same phone at once. With
/// SQLite there is one controller and the claims live in its memory (<see cref="LocalAgentClaims"/>, no write on the
/// call path); with PostgreSQL several controllers share them (<see cref="SiteAgentClaims"/>).
/// </summary>
internal abstract class AgentClaims
{
    /// <summary>Claims the agent for the call. False when another call holds them (here or, when shared, anywhere).</summary>
    public abstract ValueTask<bool> TryClaimAsync(string agentId, string callId, CancellationToken cancellationToken);

    /// <summary>Whether a call holds the agent now.</summary>
    public abstract ValueTask<bool> IsClaimedAsync(string agentId, CancellationToken cancellationToken);

    /// <summary>Every agent a call holds now (when shared: through any controller).</summary>
    public abstract ValueTask<IReadOnlySet<string>> HeldAgentsAsync(CancellationToken cancellationToken);

    /// <summary>Lets the agent go when the call that claimed them is done with them.</summary>
    public abstract ValueTask ReleaseAsync(string agentId, string callId);

    /// <summary>Agents this controller holds now (the health report and a soak test count them).</summary>
    public abstract int Held { get; }

    /// <summary>
    /// The claims this controller holds now, oldest first, with their calls and since when (<c>GET /claims</c>, read
    /// by the web admin's "on a call now" on a SQLite site, where no other process can see them).
    /// </summary>
    public abstract IReadOnlyList<HeldClaim> HeldHere();
}

/// <summary>An agent held by a call of this controller.</summary>
/// <param name="AgentId">The agent's id.</param>
/// <param name="CallId">The call's channel id.</param>
/// <param name="Since">When the call claimed the agent.</param>
internal sealed record HeldClaim(string AgentId, string CallId, DateTimeOffset Since);
