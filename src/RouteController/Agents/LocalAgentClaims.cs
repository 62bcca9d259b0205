using System.Collections.Concurrent;

namespace LeadDesk.RouteController.Agents;

/// <summary>The claims of the only controller of a SQLite store: a lock-free map, nothing written.</summary>
internal sealed class LocalAgentClaims : AgentClaims
{
    private readonly ConcurrentDictionary<string, string> _held = new(StringComparer.Ordinal);

    public override int Held => _held.Count;

    public override ValueTask<bool> TryClaimAsync(string agentId, string callId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_held.TryAdd(agentId, callId));

    public override ValueTask<bool> IsClaimedAsync(string agentId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_held.ContainsKey(agentId));

    public override ValueTask<IReadOnlySet<string>> HeldAgentsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlySet<string>>(_held.Keys.ToHashSet(StringComparer.Ordinal));

    /// <summary>The agents held now and their calls.</summary>
    public IReadOnlyCollection<(string AgentId, string CallId)> Snapshot() => _held.Select(p => (p.Key, p.Value)).ToArray();

    public override ValueTask ReleaseAsync(string agentId, string callId)
    {
        _held.TryRemove(new KeyValuePair<string, string>(agentId, callId));
        return ValueTask.CompletedTask;
    }

}
