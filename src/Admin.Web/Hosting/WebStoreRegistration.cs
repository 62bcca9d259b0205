using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Destinations;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Queues;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Users;
using Microsoft.Extensions.Options;

namespace LeadDesk.Admin.Web.Hosting;

internal static class WebStoreRegistration
{
    /// <summary>
    /// The store the CLI and the controller share (where: <see cref="StoreLocation.Resolve"/>, the same rule as
    /// theirs), opened and migrated once at start, and the same domain classes the CLI uses.
    /// </summary>
    public static IServiceCollection AddWebStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => RoutingStore.Open(StoreLocation.Resolve(configuration), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => new PhoneNumberNormalizer(configuration["Routing:DefaultRegion"]));
        services.AddSingleton<RouteTable>();
        services.AddSingleton<AgentRoster>();
        services.AddSingleton<AgentGreetings>();
        services.AddSingleton<QueueRegistry>();
        services.AddSingleton<DestinationRegistry>();
        services.AddSingleton<NumberInventory>();
        services.AddSingleton<LeadDesk.Store.Campaigns.CampaignRegistry>();
        services.AddSingleton<LeadDesk.Store.Outbound.OutboundSettingsStore>();
        services.AddSingleton<LeadDesk.Store.Outbound.CallerIdLookup>();
        services.AddSingleton<LeadDesk.Store.CallLog.CallLogStore>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WebAdminOptions>>().Value;
            return new UserDirectory(
                sp.GetRequiredService<RoutingStore>(), new LockoutPolicy(options.LockoutFailures, options.LockoutDuration, options.LockoutMaxDuration));
        });
        services.AddSingleton<WebSessions>();

        // Migrate at start, not on the first request: a database that cannot be opened stops the process at once.
        services.AddHostedService<StoreWarmup>();
        return services;
    }
}
