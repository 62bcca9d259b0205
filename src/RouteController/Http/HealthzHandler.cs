using System.Text.Json;
using LeadDesk.RouteController.Ari;
using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Health;
using Microsoft.AspNetCore.Http;

namespace LeadDesk.RouteController.Http;

/// <summary>
/// <c>GET /healthz</c>: 200 while ARI is connected, 503 otherwise, with the same facts as JSON
/// (<see cref="HealthReport"/>, read by <c>leaddesk-admin status</c> and the Docker health check).
/// </summary>
internal sealed class HealthzHandler(
    AriConnectionState asterisk,
    CallRegistry calls,
    LeadDesk.Store.RoutingStore store,
    Metrics.VoicemailBacklog backlog,
    BacklogRefresh refresh)
{
    public HealthReport Report() => new(
        asterisk.IsConnected,
        asterisk.ConnectedSince,
        calls.ActiveCalls,
        asterisk.LastError,
        asterisk.Capabilities?.Version.ToString(),
        asterisk.CanProgress,
        asterisk.IsConnected && !calls.Draining,
        asterisk.BaseUrl,
        store.DatabasePath,
        asterisk.Warnings,
        backlog.Pending,
        Math.Round(backlog.OldestAge.TotalSeconds, 1));

    public async Task HandleAsync(HttpContext context)
    {
        await refresh.RunAsync(context.RequestAborted).ConfigureAwait(false);
        var report = Report();
        await Answer.WriteAsync(
            context.Response,
            report.AriConnected ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
            "application/json",
            JsonSerializer.SerializeToUtf8Bytes(report)).ConfigureAwait(false);
    }
}
