using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Voicemail;
using LeadDesk.RouteController.Voicemail.Mail;

namespace LeadDesk.RouteController.Voicemail;

internal static class VoicemailRegistration
{
    /// <summary>
    /// Voicemail: the call part (<see cref="VoicemailCall"/>), the outbox over the shared store, and the sender
    /// that mails it. Needs the routing store and the <c>Voicemail</c> and <c>Smtp</c> options registered
    /// (ControllerHost binds every section the same way).
    /// </summary>
    public static IServiceCollection AddVoicemail(this IServiceCollection services)
    {
        services.AddSingleton<VoicemailOutbox>();
        // Keyed by the Asterisk's systemname (the spool a journal row's recording is in), as /asterisk/info said it on
        // this connection: every controller of a site talks to "its" Asterisk on the same loopback address.
        services.AddSingleton(sp =>
        {
            var asterisk = sp.GetRequiredService<Ari.AriConnectionState>();
            return new VoicemailJournal(sp.GetRequiredService<LeadDesk.Store.RoutingStore>(), () => asterisk.Capabilities?.SystemName ?? "");
        });
        services.AddSingleton<AgentGreetings>();
        services.TryAddSingleton<AgentRoster>();
        services.AddSingleton<VoicemailOutboxSignal>();
        services.AddSingleton<SmtpTransport>();
        services.AddSingleton<VoicemailCall>();
        services.AddHostedService<VoicemailSender>();
        return services;
    }
}
