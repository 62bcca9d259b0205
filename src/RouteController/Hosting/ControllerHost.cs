using LeadDesk.Ari.Client;
using LeadDesk.RouteController.Agents;
using LeadDesk.RouteController.Ari;
using LeadDesk.RouteController.Endpoints;
using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Greetings;
using LeadDesk.RouteController.Health;
using LeadDesk.RouteController.Http;
using LeadDesk.RouteController.Routing;
using LeadDesk.RouteController.Voicemail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using LeadDesk.RouteController.CallLog;
using LeadDesk.RouteController.Handoff;
using LeadDesk.RouteController.Legs;
using LeadDesk.RouteController.Outbound;
using LeadDesk.RouteController.Recovery;
using LeadDesk.RouteController.Treatments;
using Microsoft.Extensions.Logging;
using LeadDesk.Store;
using LeadDesk.RouteController.Inbound;
using LeadDesk.RouteController.Callbacks;
using LeadDesk.RouteController.Voicemail.Mail;

namespace LeadDesk.RouteController.Hosting;

/// <summary>Composes the controller: configuration, the store, the ARI client, and the call machinery.</summary>
public static class ControllerHost
{
    /// <summary>
    /// The builder Program runs; tests add their own configuration (the simulator's address, a temp database)
    /// through <paramref name="configure"/> before building.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder.Configuration);

        // A failed start is told in one line by ControllerProgram; the host's own Error entry for it is a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

        // Logging__Console__FormatterName=json: one JSON object per line for a log shipper. The formatter options in
        // appsettings.json are the human format's (a short local time); a shipper wants the full UTC instant, and the
        // per-call scope ({CallId}, {Dialled}, {Caller}) as fields, whatever the shared section says.
        builder.Services.PostConfigure<Microsoft.Extensions.Logging.Console.JsonConsoleFormatterOptions>(json =>
        {
            json.IncludeScopes = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            json.UseUtcTimestamp = true;
        });

        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddSingleton(TimeProvider.System);

        // Every section the same way: bound, checked when the host starts (a bad value stops the process with one
        // line naming it, see Program), and its value registered for constructors.
        services.AddValidatedOptions<AriOptions, AriOptionsValidator>(configuration, AriOptions.SectionName);
        services.AddValidatedOptions<StoreOptions, StoreOptionsValidator>(configuration, StoreOptions.SectionName);
        services.AddValidatedOptions<RoutingOptions, RoutingOptionsValidator>(configuration, RoutingOptions.SectionName);
        services.AddValidatedOptions<AgentsOptions, AgentsOptionsValidator>(configuration, AgentsOptions.SectionName);
        services.AddValidatedOptions<VoicemailOptions, VoicemailOptionsValidator>(configuration, VoicemailOptions.SectionName);
        services.AddValidatedOptions<SmtpOptions, SmtpOptionsValidator>(configuration, SmtpOptions.SectionName);
        services.AddValidatedOptions<GreetingOptions, GreetingOptionsValidator>(configuration, GreetingOptions.SectionName);
        services.AddValidatedOptions<HealthOptions, HealthOptionsValidator>(configuration, HealthOptions.SectionName);

        services.AddAriClient();

        services.AddRoutingStore(configuration);
        services.AddSingleton<RouteResolver>();
        services.AddSingleton<LeadDesk.Store.Destinations.DestinationRegistry>();
        services.AddSingleton<CallbackResolver>();
        services.AddSingleton<CallRecorder>();
        services.AddSingleton<Callers.CallerResolver>();
        services.AddSingleton<CallLogWriter>();
        services.AddSingleton<DecisionClock>();
        services.AddSingleton<Metrics.CallMetrics>();
        services.AddSingleton<Metrics.VoicemailBacklog>();
        services.AddSingleton<Metrics.ControllerGauges>();
        if (configuration.GetValue($"{HealthOptions.SectionName}:{nameof(HealthOptions.Metrics)}", defaultValue: true))
        {
            services.AddSingleton<Metrics.MetricsCollector>();
        }

        services.AddSingleton<AriConnectionState>();
        services.AddSingleton<CallRegistry>();
        services.AddSingleton<EndpointMonitor>();
        services.AddSingleton<AgentDialString>();
        services.AddSingleton<AgentPhones>();
        services.AddSingleton<CallerTreatmentPlayer>();
        services.AddSingleton<LegConnector>();
        services.AddSingleton<DialplanHandoff>();
        services.AddVoicemail();
        services.AddSingleton<GreetingMedia>();
        services.AddSingleton<GreetingCall>();
        services.AddSingleton<CallTeardown>();
        services.AddSingleton<CallLifetime>();
        services.AddSingleton<InboundCallFlow>();
        services.AddOutboundCalls(builder.Configuration);
        services.AddSingleton<CallSupervisor>();
        services.AddSingleton<CallReconciler>();
        services.AddSingleton<CallDispatcher>();
        // Registered before the call services so it stops after them: the rows of drained calls are flushed.
        services.AddHostedService(sp => sp.GetRequiredService<CallLogWriter>());
        services.AddHostedService<AriWorker>();
        services.AddHostedService<CallDrain>();
        services.AddSingleton<LeadDesk.Store.Queues.QueueMembership>();
        services.AddHostedService<Queues.AgentDeviceStatePublisher>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));

        services.AddHttpEndpoints(configuration);
        return builder;
    }
}
