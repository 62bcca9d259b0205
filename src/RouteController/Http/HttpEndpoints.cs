using System.Net;
using LeadDesk.RouteController.Health;
using LeadDesk.RouteController.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadDesk.RouteController.Http;

/// <summary>
/// The controller's one HTTP listener, at <see cref="HealthOptions.Url"/> (empty: none): <c>/healthz</c>,
/// <c>/claims</c> (<see cref="ClaimsHandler"/>), <c>/metrics</c>, <c>/debug/counters</c>, the greetings Asterisk fetches on a voicemail caller's path and the queue
/// members its app_queue reads (<see cref="QueueMembersHandler"/>, the one POST), each
/// answered by its own handler. Kestrel serves every connection on its own: a scraper that stalls holds its own
/// connection only, never a caller waiting for a greeting.
/// </summary>
/// <remarks>
/// Only GET (and POST for the queue members) is answered; any other method, and any other path, is 404. The port is taken before the host reports
/// started: a port another process holds (a second controller) is a start-up failure with exit 78, not a
/// controller running without its health endpoint.
/// </remarks>
internal sealed partial class HttpEndpoints(
    HealthOptions options,
    HealthzHandler healthz,
    GreetingMediaHandler greetings,
    DebugCountersHandler counters,
    ILoggerFactory loggers,
    ILogger<HttpEndpoints> logger,
    QueueMembersHandler queueMembers,
    ClaimsHandler claims,
    MetricsHandler? metrics = null)
    : IHostedService, IAsyncDisposable
{
    /// <summary>How long a stop waits for answers in flight before their connections are cut.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(1);

    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            return;
        }

        if (options.Diagnostics)
        {
            ProcessCounters.CountExceptions();
        }

        var url = new Uri(options.Url);
        var app = Build(url);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new ControllerStartException($"{HealthOptions.SectionName}:Url '{options.Url}' cannot be served: {e.Message}", e);
        }

        _app = app;
        LogListening(options.Url.EndsWith('/') ? options.Url : options.Url + "/");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            grace.CancelAfter(StopGrace);
            await app.StopAsync(grace.Token).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The request's handler, or null for a 404.</summary>
    internal RequestDelegate? HandlerFor(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (HttpMethods.IsPost(request.Method) && path.StartsWith(QueueMembersHandler.PathPrefix, StringComparison.Ordinal))
        {
            return queueMembers.HandleAsync;
        }

        if (!HttpMethods.IsGet(request.Method))
        {
            return null;
        }

        return path switch
        {
            _ when path.StartsWith(Greetings.GreetingMedia.PathPrefix, StringComparison.Ordinal) => greetings.HandleAsync,
            "/healthz" => healthz.HandleAsync,
            ClaimsHandler.Path => claims.HandleAsync,
            "/metrics" when metrics is not null => metrics.HandleAsync,
            "/debug/counters" when options.Diagnostics => counters.HandleAsync,
            _ => null,
        };
    }

    private WebApplication Build(Uri url)
    {
        // No configuration, content root or hosting environment of its own: the controller's host has those, and its
        // logging (one console, one format) is shared.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton(loggers);
        builder.WebHost.UseKestrelCore();
        // Only Health:Url: ASPNETCORE_URLS / HTTP_PORTS (set by the aspnet base image) are the web admin's words.
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "");
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, "");
        builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, "");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            void Endpoint(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen)
            {
                if (url.Scheme == Uri.UriSchemeHttps)
                {
                    listen.UseHttps();
                }
            }

            if (url.IsLoopback && url.HostNameType == UriHostNameType.Dns)
            {
                kestrel.ListenLocalhost(url.Port, Endpoint);
            }
            else if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address))
            {
                kestrel.Listen(address, url.Port, Endpoint);
            }
            else
            {
                kestrel.ListenAnyIP(url.Port, Endpoint);
            }
        });

        var app = builder.Build();
        app.Run(context => HandlerFor(context.Request) is { } handler ? handler(context) : NotFound(context));
        return app;
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health endpoint at {Prefix}healthz")]
    private partial void LogListening(string prefix);
}
