using LeadDesk.RouteController.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.RouteController.Http;

internal static class HttpRegistration
{
    /// <summary>The controller's HTTP listener and its handlers (<see cref="HttpEndpoints"/>).</summary>
    public static IServiceCollection AddHttpEndpoints(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<BacklogRefresh>();
        services.AddSingleton<HealthzHandler>();
        services.AddSingleton<ClaimsHandler>();
        services.AddSingleton<GreetingMediaHandler>();
        services.AddSingleton<DebugCountersHandler>();
        services.AddSingleton<QueueMembersHandler>();
        if (configuration.GetValue($"{HealthOptions.SectionName}:{nameof(HealthOptions.Metrics)}", defaultValue: true))
        {
            services.AddSingleton<MetricsHandler>();
        }

        services.AddSingleton<HttpEndpoints>();
        services.AddHostedService(sp => sp.GetRequiredService<HttpEndpoints>());
        return services;
    }
}
