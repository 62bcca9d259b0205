using System.Globalization;
using System.Text.Json;
using LeadDesk.RouteController.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AsteriskConfig.Tests.RealAsterisk.ProxySite;

/// <summary>
/// One Asterisk of the site and the real route controller beside it (in-process, on the site's PostgreSQL), with the
/// settings docs/multi-asterisk.md lists for a controller behind the proxy. The controller can be stopped and started
/// again while its Asterisk keeps running.
/// </summary>
internal sealed class SiteNode(ProxySiteAsterisk asterisk) : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    private CapturedLog _log = new();
    private IHost? _controller;
    private AriRest? _ari;

    public ProxySiteAsterisk Asterisk { get; } = asterisk;

    public string Name => Asterisk.Name;

    public AriRest Ari => _ari ??= new AriRest(Asterisk);

    /// <summary>The controller's log since it was last started.</summary>
    public string ControllerLog => _log.ToString();

    public async Task StartControllerAsync(string databaseConnectionString)
    {
        var healthUrl = $"http://127.0.0.1:{Asterisk.ControllerHttpPort.ToString(CultureInfo.InvariantCulture)}/";
        var config = new Dictionary<string, string?>
        {
            // What docs/multi-asterisk.md lists for each controller of a site behind the proxy...
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = databaseConnectionString,
            ["Agents:DialString"] = "PJSIP/{extension}@proxy",
            ["Ari:BaseUrl"] = Asterisk.HttpBaseUrl,
            ["Routing:OutboundTrunk"] = "carrier",
            // ...this Asterisk's ARI credentials and where app_queue reads the members (extconfig.conf)...
            ["Ari:Username"] = AsteriskFixture.AriUser,
            ["Ari:Password"] = Asterisk.AriPassword,
            ["Health:Url"] = healthUrl,
            // ...and nothing of the tests' reaches a real mail server.
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = AsteriskFixture.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
        };

        _log = new CapturedLog();
        var builder = ControllerHost.CreateBuilder([], c => c.AddInMemoryCollection(config));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(_log);
        _controller = builder.Build();
        await _controller.StartAsync();

        using var health = new HttpClient { BaseAddress = new Uri(healthUrl), Timeout = TimeSpan.FromSeconds(5) };
        var last = "";
        await ProxySiteFixture.WaitAsync(
            async () =>
            {
                try
                {
                    last = await health.GetStringAsync("healthz");
                    return JsonDocument.Parse(last).RootElement.GetProperty("ariConnected").GetBoolean()
                        && await Ari.ApplicationRegisteredAsync("leaddesk");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    last = e.Message;
                    return false;
                }
            },
            ReadyTimeout,
            () => $"the controller of {Name} connected to its Asterisk (/healthz: {last}){Environment.NewLine}{ControllerLog}");
    }

    /// <summary>Stops the controller's host, as when the controller process dies; its Asterisk keeps running.</summary>
    public async Task StopControllerAsync()
    {
        if (_controller is not { } controller)
        {
            return;
        }

        _controller = null;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await controller.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        controller.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopControllerAsync();
        _ari?.Dispose();
        await Asterisk.DisposeAsync();
    }
}
