using LeadDesk.Ari.Client;
using LeadDesk.Ari.Client.EventStream;
using LeadDesk.RouteController.Ari;
using LeadDesk.RouteController.Calls;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using LeadDesk.Store;

namespace LeadDesk.RouteController.Hosting;

/// <summary>Keeps the ARI events websocket open for the life of the process and feeds it to the dispatcher.</summary>
internal sealed partial class AriWorker(
    AriEventStream stream, CallDispatcher dispatcher, AriOptions options, RoutingStore store, AriConnectionState asterisk,
    LeadDesk.Store.Destinations.DestinationRegistry destinations, ILogger<AriWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogDatabase(store.DatabasePath);
        if (store.TightenedNotice is { } notice)
        {
            LogSettingWarning(notice);
        }

        foreach (var warning in asterisk.Warnings)
        {
            LogSettingWarning(warning);
        }

        // Said once at start: external-number destinations made before the dial policy applied to them, or since
        // broken by a change of the allowed regions. Their calls get the failure tone, each with the reason.
        try
        {
            foreach (var (destination, problem) in await destinations.PolicyBreachesAsync(stoppingToken).ConfigureAwait(false))
            {
                LogDestinationBreach(destination.Name, destination.Number ?? "", problem);
            }
        }
        catch (System.Data.Common.DbException e)
        {
            // Each call checks its destination again: a store that cannot answer now costs this warning only.
            LogSettingWarning("Could not check the custom destinations against the dial policy at start: " + e.Message);
        }

        // Said once and plainly: without an Asterisk the controller waits and retries, it does not crash.
        LogWaiting(options.BaseUrl, options.Application);
        await stream.RunAsync(dispatcher, stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Routing database {DatabasePath}")]
    private partial void LogDatabase(string databasePath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Custom destination {Destination} ({Number}) breaks the dial policy: {Problem}; calls routed to it get the failure tone")]
    private partial void LogDestinationBreach(string destination, string number, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private partial void LogSettingWarning(string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connecting to ARI at {BaseUrl} as application {Application}; retrying with backoff until Asterisk answers")]
    private partial void LogWaiting(string baseUrl, string application);
}
