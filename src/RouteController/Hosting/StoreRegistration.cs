using LeadDesk.RouteController.Routing;
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
    /// The SQLite store the CLI shares (where: <see cref="StoreLocation.Resolve"/>, the same rule as the CLI's),
    /// opened and migrated once at start, and the per-call readers and writers over it.
    /// </summary>
    public static IServiceCollection AddRoutingStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => RoutingStore.Open(StoreLocation.Resolve(configuration).Path, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new PhoneNumberNormalizer(sp.GetRequiredService<RoutingOptions>().DefaultRegion));
        services.AddSingleton<RouteDirectory>();
        services.AddSingleton<CallLogStore>();
        return services;
    }
}
