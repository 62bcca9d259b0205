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
    AriEventStream stream, CallDispatcher dispatcher, AriOptions options, RoutingStore store, AriConnectionState asterisk, ILogger<AriWorker> logger)
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

        // Said once and plainly: without an Asterisk the controller waits and retries, it does not crash.
        LogWaiting(options.BaseUrl, options.Application);
        await stream.RunAsync(dispatcher, stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Routing database {DatabasePath}")]
    private partial void LogDatabase(string databasePath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private partial void LogSettingWarning(string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connecting to ARI at {BaseUrl} as application {Application}; retrying with backoff until Asterisk answers")]
    private partial void LogWaiting(string baseUrl, string application);
}
