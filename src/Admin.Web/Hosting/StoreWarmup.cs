using LeadDesk.Store;

namespace LeadDesk.Admin.Web.Hosting;

/// <summary>Opens (and so migrates) the store before the server takes requests.</summary>
internal sealed class StoreWarmup(IServiceProvider services, ILogger<StoreWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<RoutingStore>();
        logger.LogInformation("Database {Path} at schema version {Version}", store.DatabasePath, RoutingStore.LatestSchemaVersion);
        if (store.TightenedNotice is { } notice)
        {
            logger.LogWarning("{Notice}", notice);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
