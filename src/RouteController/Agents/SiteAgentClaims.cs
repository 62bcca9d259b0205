using LeadDesk.Store.Agents;
using Microsoft.Extensions.Logging;

namespace LeadDesk.RouteController.Agents;

/// <summary>
/// Claims shared with the other controllers of a PostgreSQL store. A claim is first taken in this controller's
/// memory (a second call here for the same agent is refused without a round trip), then in the store, where one
/// statement decides between controllers. <see cref="AgentClaimRenewal"/> keeps this controller's rows alive.
/// </summary>
internal sealed partial class SiteAgentClaims(
    SharedAgentClaims store, AgentsOptions options, Hosting.ControllerIdentity controller, ILogger<SiteAgentClaims> logger) : AgentClaims
{
    private readonly LocalAgentClaims _local = new();

    /// <summary>The owner on this controller's rows (<see cref="Hosting.ControllerIdentity"/>).</summary>
    public string ControllerId => controller.Id;

    public override int Held => _local.Held;

    public override IReadOnlyList<HeldClaim> HeldHere() => _local.HeldHere();

    public override async ValueTask<bool> TryClaimAsync(string agentId, string callId, CancellationToken cancellationToken)
    {
        if (!await _local.TryClaimAsync(agentId, callId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            if (await store.TryTakeAsync(agentId, ControllerId, callId, options.ClaimLease, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            LogHeldElsewhere(agentId);
        }
        catch
        {
            await _local.ReleaseAsync(agentId, callId).ConfigureAwait(false);
            throw;
        }

        await _local.ReleaseAsync(agentId, callId).ConfigureAwait(false);
        return false;
    }

    public override async ValueTask<bool> IsClaimedAsync(string agentId, CancellationToken cancellationToken) =>
        await _local.IsClaimedAsync(agentId, cancellationToken).ConfigureAwait(false)
        || await store.IsHeldAsync(agentId, cancellationToken).ConfigureAwait(false);

    public override async ValueTask<IReadOnlySet<string>> HeldAgentsAsync(CancellationToken cancellationToken)
    {
        var held = (await store.HeldAgentsAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        held.UnionWith((await _local.HeldAgentsAsync(cancellationToken).ConfigureAwait(false)));
        return held;
    }

    public override async ValueTask ReleaseAsync(string agentId, string callId)
    {
        try
        {
            // Not the call's token: a call ending because the controller stops still lets its agent go. A release
            // that fails here is dropped by the next renewal, which keeps only the claims held in memory.
            await store.ReleaseAsync(agentId, ControllerId, callId).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            // The row expires within the lease: the agent is free by then without us.
            LogReleaseFailed(agentId, e.Message);
        }
        finally
        {
            await _local.ReleaseAsync(agentId, callId).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Renews the claims this controller holds and drops its rows for calls that are over (a release that failed);
    /// how many of those it holds the store still had as its own.
    /// </summary>
    public Task<int> RenewAsync(CancellationToken cancellationToken) =>
        store.RenewAsync(ControllerId, _local.Snapshot(), options.ClaimLease, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} is on a call through another controller")]
    private partial void LogHeldElsewhere(string agentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing agent {AgentId} in the shared store failed ({Error}); the claim expires within its lease")]
    private partial void LogReleaseFailed(string agentId, string error);
}
