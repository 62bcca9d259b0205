using System.Collections.Concurrent;

namespace LeadDesk.RouteController.Agents;

/// <summary>The claims of the only controller of a SQLite store: a lock-free map, nothing written.</summary>
/// <param name="time">The clock a claim's <see cref="HeldClaim.Since"/> is read from (the system's when null).</param>
internal sealed class LocalAgentClaims(TimeProvider? time = null) : AgentClaims
{
    private readonly ConcurrentDictionary<string, Claim> _held = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public override int Held => _held.Count;

    public override ValueTask<bool> TryClaimAsync(string agentId, string callId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_held.TryAdd(agentId, new Claim(callId, _time.GetUtcNow())));

    public override ValueTask<bool> IsClaimedAsync(string agentId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_held.ContainsKey(agentId));

    public override ValueTask<IReadOnlySet<string>> HeldAgentsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlySet<string>>(_held.Keys.ToHashSet(StringComparer.Ordinal));

    /// <summary>The agents held now and their calls.</summary>
    public IReadOnlyCollection<(string AgentId, string CallId)> Snapshot() => _held.Select(p => (p.Key, p.Value.CallId)).ToArray();

    public override IReadOnlyList<HeldClaim> HeldHere() =>
        _held.Select(p => new HeldClaim(p.Key, p.Value.CallId, p.Value.Since)).OrderBy(c => c.Since).ThenBy(c => c.AgentId, StringComparer.Ordinal).ToArray();

    public override ValueTask ReleaseAsync(string agentId, string callId)
    {
        // Only the call that holds the agent lets them go: compare-and-remove on the claim read, which names the call.
        if (_held.TryGetValue(agentId, out var claim) && string.Equals(claim.CallId, callId, StringComparison.Ordinal))
        {
            _held.TryRemove(new KeyValuePair<string, Claim>(agentId, claim));
        }

        return ValueTask.CompletedTask;
    }

    private sealed record Claim(string CallId, DateTimeOffset Since);
}
