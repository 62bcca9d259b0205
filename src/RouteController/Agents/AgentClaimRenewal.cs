using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadDesk.RouteController.Agents;

/// <summary>
/// Renews this controller's claims in the shared store every third of the lease, so that a claim expires only when
/// its controller is gone (or cannot reach the database for a whole lease). Idle with claims kept in memory.
/// </summary>
internal sealed partial class AgentClaimRenewal(AgentClaims held, AgentsOptions options, TimeProvider time, ILogger<AgentClaimRenewal> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (held is not SiteAgentClaims claims)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.ClaimLease / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    // Also with nothing held: a failed release leaves a row only a renewal clears.
                    var held = claims.Held;
                    var renewed = await claims.RenewAsync(stoppingToken).ConfigureAwait(false);
                    if (renewed < held)
                    {
                        // Some lapsed while the database was out of reach: another controller may ring those agents now.
                        LogLapsed(held - renewed, held);
                    }
                }
                catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
                {
                    LogRenewFailed(e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing agent claims failed ({Error}); retrying within a third of the lease")]
    private partial void LogRenewFailed(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Lapsed} of {Held} agent claims were taken over before renewal (the store was out of reach past the lease)")]
    private partial void LogLapsed(int lapsed, int held);
}
