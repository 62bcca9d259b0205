using LeadDesk.RouteController.Ari;
using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Greetings;
using LeadDesk.RouteController.Health;
using LeadDesk.RouteController.Routing;
using LeadDesk.RouteController.Voicemail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using LeadDesk.RouteController.CallLog;
using LeadDesk.RouteController.Handoff;
using LeadDesk.RouteController.Legs;
using LeadDesk.RouteController.Outbound;
using LeadDesk.RouteController.Recovery;
using LeadDesk.RouteController.Treatments;

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

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddAriClient(builder.Configuration);
        services.AddOptions<RoutingOptions>().Bind(builder.Configuration.GetSection(RoutingOptions.SectionName));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RoutingOptions>>().Value);

        services.AddRoutingStore(builder.Configuration);
        services.AddSingleton<RouteResolver>();
        services.AddSingleton<CallRecorder>();
        services.AddSingleton<CallLogWriter>();
        services.AddSingleton<DecisionClock>();

        services.AddSingleton<AriConnectionState>();
        services.AddSingleton<CallRegistry>();
        services.AddSingleton<CallerTreatmentPlayer>();
        services.AddSingleton<LegConnector>();
        services.AddSingleton<DialplanHandoff>();
        services.AddVoicemail(builder.Configuration);
        services.AddOptions<GreetingOptions>().Bind(builder.Configuration.GetSection(GreetingOptions.SectionName));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<GreetingOptions>>().Value);
        services.AddSingleton<GreetingCall>();
        services.AddSingleton<CallTeardown>();
        services.AddSingleton<InboundCallFlow>();
        services.AddOutboundCalls(builder.Configuration);
        services.AddSingleton<CallSupervisor>();
        services.AddSingleton<CallReconciler>();
        services.AddSingleton<CallDispatcher>();
        // Registered before the call services so it stops after them: the rows of drained calls are flushed.
        services.AddHostedService(sp => sp.GetRequiredService<CallLogWriter>());
        services.AddHostedService<AriWorker>();
        services.AddHostedService<CallDrain>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));

        services.AddOptions<HealthOptions>().Bind(builder.Configuration.GetSection(HealthOptions.SectionName));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<HealthOptions>>().Value);
        services.AddSingleton<HealthEndpoint>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthEndpoint>());
        return builder;
    }
}
