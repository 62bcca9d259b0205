using System.Text;
using Microsoft.AspNetCore.Http;

namespace LeadDesk.RouteController.Http;

/// <summary><c>GET /metrics</c>: the Prometheus text format (<see cref="Metrics.MetricsCollector"/>, docs/monitoring.md).</summary>
internal sealed class MetricsHandler(Metrics.MetricsCollector metrics, BacklogRefresh refresh)
{
    private readonly Lock _scrape = new();

    public async Task HandleAsync(HttpContext context)
    {
        await refresh.RunAsync(context.RequestAborted).ConfigureAwait(false);
        byte[] text;
        // One scrape at a time reads the observable instruments; the answer is written outside the lock, so a client
        // that never reads it holds no one else.
        lock (_scrape)
        {
            text = Encoding.UTF8.GetBytes(metrics.Scrape());
        }

        await Answer.WriteAsync(context.Response, StatusCodes.Status200OK, "text/plain; version=0.0.4; charset=utf-8", text).ConfigureAwait(false);
    }
}
