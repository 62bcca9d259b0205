using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Voicemail;

namespace LeadDesk.RouteController.Voicemail;

internal static class VoicemailRegistration
{
    /// <summary>
    /// Voicemail: the call part (<see cref="VoicemailCall"/>), the outbox over the shared store, and the sender
    /// that mails it (sections <c>Voicemail</c> and <c>Smtp</c>). Needs the routing store registered.
    /// </summary>
    public static IServiceCollection AddVoicemail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VoicemailOptions>().Bind(configuration.GetSection(VoicemailOptions.SectionName));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<VoicemailOptions>>().Value);
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.SectionName));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SmtpOptions>>().Value);

        services.AddSingleton<VoicemailOutbox>();
        services.AddSingleton<AgentGreetings>();
        services.TryAddSingleton<AgentRoster>();
        services.AddSingleton<VoicemailOutboxSignal>();
        services.AddSingleton<SmtpTransport>();
        services.AddSingleton<VoicemailCall>();
        services.AddHostedService<VoicemailSender>();
        return services;
    }
}
