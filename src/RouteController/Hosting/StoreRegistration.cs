using LeadDesk.RouteController.Agents;
using LeadDesk.RouteController.Routing;
using LeadDesk.Store.Agents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using LeadDesk.Store;
using LeadDesk.Store.CallLog;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;

namespace LeadDesk.RouteController.Hosting;

internal static class StoreRegistration
{
    /// <summary>
    /// The store the CLI shares (SQLite or PostgreSQL) (where: <see cref="StoreLocation.Resolve"/>, the same rule as the CLI's),
    /// opened and migrated once at start, and the per-call readers and writers over it.
    /// </summary>
    public static IServiceCollection AddRoutingStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => RoutingStore.Open(StoreLocation.Resolve(configuration), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new PhoneNumberNormalizer(sp.GetRequiredService<RoutingOptions>().DefaultRegion));
        services.AddSingleton<RouteDirectory>();
        services.AddSingleton<CallLogStore>();
        return services.AddAgentClaims();
    }

    /// <summary>
    /// Claims in memory for a SQLite store (one controller, nothing written on the call path); in the shared store,
    /// renewed in the background, for PostgreSQL (several controllers, one agent busy for all of them).
    /// </summary>
    private static IServiceCollection AddAgentClaims(this IServiceCollection services)
    {
        services.AddSingleton<ControllerIdentity>();
        services.AddSingleton(sp => new SiteAgentClaims(
            new SharedAgentClaims(sp.GetRequiredService<RoutingStore>()),
            sp.GetRequiredService<AgentsOptions>(),
            sp.GetRequiredService<ControllerIdentity>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SiteAgentClaims>>()));
        services.AddSingleton<AgentClaims>(sp => sp.GetRequiredService<RoutingStore>().Provider == StoreProvider.Postgres
            ? sp.GetRequiredService<SiteAgentClaims>()
            : new LocalAgentClaims());
        services.AddHostedService<AgentClaimRenewal>();
        return services;
    }
}
