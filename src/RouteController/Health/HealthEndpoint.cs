using System.Net;
using System.Text.Json;
using LeadDesk.RouteController.Ari;
using LeadDesk.RouteController.Calls;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadDesk.RouteController.Health;

/// <summary>
/// Serves GET /healthz on loopback: 200 while ARI is connected, 503 otherwise, with the same facts as JSON.
/// HttpListener keeps the worker free of a web framework for one read-only URL.
/// </summary>
internal sealed partial class HealthEndpoint(
    HealthOptions options,
    AriConnectionState asterisk,
    CallRegistry calls,
    CallSupervisor supervisor,
    DecisionClock decisions,
    ILogger<HealthEndpoint> logger)
    : BackgroundService
{
    public HealthReport Report() => new(
        asterisk.IsConnected,
        asterisk.ConnectedSince,
        calls.ActiveCalls,
        asterisk.LastError,
        asterisk.Capabilities?.Version.ToString(),
        asterisk.CanProgress,
        !calls.Draining);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            return;
        }

        var prefix = options.Url.EndsWith('/') ? options.Url : options.Url + "/";
        using var listener = new HttpListener();
        listener.Prefixes.Add(prefix);
        try
        {
            listener.Start();
        }
        catch (HttpListenerException e)
        {
            // A taken port must not take the call path down with it.
            LogCannotListen(prefix, e.Message);
            return;
        }

        LogListening(prefix);
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

            Respond(context);
        }
    }

    private void Respond(HttpListenerContext context)
    {
        using var response = context.Response;
        var path = context.Request.Url?.AbsolutePath;
        if (context.Request.HttpMethod != "GET")
        {
            response.StatusCode = (int)HttpStatusCode.NotFound;
            return;
        }

        if (path == "/healthz")
        {
            var report = Report();
            Write(response, report.AriConnected ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, JsonSerializer.SerializeToUtf8Bytes(report));
        }
        else if (path == "/debug/counters" && options.Diagnostics)
        {
            var collect = context.Request.QueryString["collect"] == "1";
            Write(response, HttpStatusCode.OK, JsonSerializer.SerializeToUtf8Bytes(ProcessCounters.Read(calls, supervisor, decisions, collect)));
        }
        else
        {
            response.StatusCode = (int)HttpStatusCode.NotFound;
        }
    }

    private static void Write(HttpListenerResponse response, HttpStatusCode status, byte[] body)
    {
        response.StatusCode = (int)status;
        response.ContentType = "application/json";
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health endpoint at {Prefix}healthz")]
    private partial void LogListening(string prefix);

    [LoggerMessage(Level = LogLevel.Error, Message = "Health endpoint cannot listen on {Prefix}: {Error}")]
    private partial void LogCannotListen(string prefix, string error);
}
