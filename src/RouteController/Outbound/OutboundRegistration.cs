using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Outbound;

namespace LeadDesk.RouteController.Outbound;

internal static class OutboundRegistration
{
    /// <summary>Agents' calls to leads: <c>Outbound</c> options (validated at start), the store readers, the flow.</summary>
    public static IServiceCollection AddOutboundCalls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboundOptions>()
            .Bind(configuration.GetSection(OutboundOptions.SectionName))
            .Validate(o =>
            {
                o.Validate();
                return true;
            })
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<OutboundOptions>>().Value);
        services.TryAddSingleton<AgentRoster>();
        services.AddSingleton<CallerIdLookup>();
        services.AddSingleton<OutboundSettingsStore>();
        services.AddSingleton<OutboundCallFlow>();
        return services;
    }
}
