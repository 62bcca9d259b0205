using System.Net;
using System.Text.Json;
using LeadDesk.RouteController.Ari;
using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadDesk.RouteController.Health;

/// <summary>
/// Serves GET /healthz on loopback: 200 while ARI is connected, 503 otherwise, with the same facts as JSON; and
/// GET /metrics in the Prometheus text format (<see cref="Metrics.MetricsCollector"/>).
/// HttpListener keeps the worker free of a web framework for one read-only URL.
/// </summary>
internal sealed partial class HealthEndpoint(
    HealthOptions options,
    AriConnectionState asterisk,
    CallRegistry calls,
    Agents.AgentClaims claims,
    CallSupervisor supervisor,
    DecisionClock decisions,
    LeadDesk.Store.RoutingStore store,
    Greetings.GreetingMedia greetings,
    Metrics.VoicemailBacklog backlog,
    ILogger<HealthEndpoint> logger,
    Metrics.MetricsCollector? metrics = null)
    : BackgroundService
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

    private HttpListener? _listener;

    /// <summary>
    /// Takes the port before the host reports started: a port another process holds (a second controller) is a
    /// start-up failure with a non-zero exit, not a controller running without its health endpoint.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.Url))
        {
            var prefix = options.Url.EndsWith('/') ? options.Url : options.Url + "/";
            var listener = new HttpListener();
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
            }
            catch (HttpListenerException e)
            {
                ((IDisposable)listener).Dispose();
                throw new ControllerStartException($"{HealthOptions.SectionName}:Url '{options.Url}' cannot be served: {e.Message}", e);
            }

            _listener = listener;
            LogListening(prefix);
        }

        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        (_listener as IDisposable)?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_listener is not { } listener)
        {
            return;
        }

        if (options.Diagnostics)
        {
            ProcessCounters.CountExceptions();
        }

        using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                break;
            }

            await RespondAsync(context, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task RespondAsync(HttpListenerContext context, CancellationToken ct)
    {
        using var response = context.Response;
        var path = context.Request.Url?.AbsolutePath;
        if (context.Request.HttpMethod != "GET")
        {
            response.StatusCode = (int)HttpStatusCode.NotFound;
            return;
        }

        if (path?.StartsWith(Greetings.GreetingMedia.PathPrefix, StringComparison.Ordinal) == true)
        {
            // Asterisk's media cache fetching an agent's greeting; the version in the URL is the cache key.
            var wav = await ServeGreetingAsync(path, ct).ConfigureAwait(false);
            if (wav is null)
            {
                response.StatusCode = (int)HttpStatusCode.NotFound;
                return;
            }

            response.StatusCode = (int)HttpStatusCode.OK;
            response.ContentType = "audio/wav";
            response.ContentLength64 = wav.Length;
            await response.OutputStream.WriteAsync(wav, ct).ConfigureAwait(false);
        }
        else if (path == "/healthz")
        {
            await RefreshBacklogAsync(ct).ConfigureAwait(false);
            var report = Report();
            Write(response, report.AriConnected ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, JsonSerializer.SerializeToUtf8Bytes(report));
        }
        else if (path == "/metrics" && metrics is not null)
        {
            await RefreshBacklogAsync(ct).ConfigureAwait(false);
            var text = System.Text.Encoding.UTF8.GetBytes(metrics.Scrape());
            response.StatusCode = (int)HttpStatusCode.OK;
            response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            response.ContentLength64 = text.Length;
            await response.OutputStream.WriteAsync(text, ct).ConfigureAwait(false);
        }
        else if (path == "/debug/counters" && options.Diagnostics)
        {
            var collect = context.Request.QueryString["collect"] == "1";
            Write(response, HttpStatusCode.OK, JsonSerializer.SerializeToUtf8Bytes(ProcessCounters.Read(calls, claims, supervisor, decisions, collect)));
        }
        else
        {
            response.StatusCode = (int)HttpStatusCode.NotFound;
        }
    }

    private async Task<byte[]?> ServeGreetingAsync(string path, CancellationToken ct)
    {
        try
        {
            return await greetings.ServeAsync(path, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or LeadDesk.Store.RoutingRefusedException)
        {
            LogGreetingUnserved(path, e.Message);
            return null;
        }
    }

    /// <summary>A database that cannot answer leaves the last figures: health and metrics still answer.</summary>
    private async Task RefreshBacklogAsync(CancellationToken ct)
    {
        try
        {
            await backlog.RefreshAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            LogBacklogUnread(e.Message);
        }
    }

    private static void Write(HttpListenerResponse response, HttpStatusCode status, byte[] body)
    {
        response.StatusCode = (int)status;
        response.ContentType = "application/json";
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Greeting {Path} could not be served: {Error}")]
    private partial void LogGreetingUnserved(string path, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voicemail backlog could not be read: {Error}")]
    private partial void LogBacklogUnread(string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Health endpoint at {Prefix}healthz")]
    private partial void LogListening(string prefix);
}
