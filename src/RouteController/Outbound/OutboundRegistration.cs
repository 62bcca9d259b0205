using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Outbound;

namespace LeadDesk.RouteController.Outbound;

internal static class OutboundRegistration
{
    /// <summary>Agents' calls to leads: <c>Outbound</c> options (validated at start), the store readers, the flow.</summary>
    public static IServiceCollection AddOutboundCalls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<OutboundOptions, OutboundOptionsValidator>(configuration, OutboundOptions.SectionName);
        services.TryAddSingleton<AgentRoster>();
        services.AddSingleton<CallerIdLookup>();
        services.AddSingleton<OutboundSettingsStore>();
        services.AddSingleton<OutboundCallFlow>();
        return services;
    }
}
