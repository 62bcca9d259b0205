using LeadDesk.Ari.Client;
using LeadDesk.Ari.Client.EventStream;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// In the DI namespace by convention, so `services.AddAriClient(...)` needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

public static class AriServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AriOptions"/> (section "Ari", checked by <see cref="AriOptionsValidator"/> when the host
    /// starts), a typed <see cref="AriClient"/> over IHttpClientFactory, and a singleton <see cref="AriEventStream"/>.
    /// Pass the configuration root or the "Ari" section itself.
    /// </summary>
    public static IServiceCollection AddAriClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration is IConfigurationSection { Key: AriOptions.SectionName } s
            ? s
            : configuration.GetSection(AriOptions.SectionName);

        services.AddOptions<AriOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AriOptions>, AriOptionsValidator>());
        return services.AddAriClient();
    }

    /// <summary>
    /// Registers the client and the event stream over <see cref="AriOptions"/> that the host has registered itself
    /// (bound and validated its own way); <see cref="AddAriClient(IServiceCollection, IConfiguration)"/> does both.
    /// </summary>
    public static IServiceCollection AddAriClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<AriOptions>>().Value);
        services.AddMetrics();
        services.TryAddSingleton<LeadDesk.Ari.Client.Rest.AriRestMetrics>();
        services.AddHttpClient<AriClient>()
            // AriClient applies RequestTimeout per call; HttpClient's own 100 s default must not cut in first or differently.
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<AriOptions>();
                return new SocketsHttpHandler
                {
                    MaxConnectionsPerServer = Math.Max(1, options.MaxConnections),
                    PooledConnectionIdleTimeout = options.IdleConnectionTimeout,
                    // The handler lives as long as the process (see below); this keeps DNS changes seen.
                    PooledConnectionLifetime = TimeSpan.FromMinutes(10),
                };
            })
            // One pool for the life of the process, so MaxConnections bounds every connection we ever hold.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The factory's per-request log scope and start/end lines cost more than a loopback ARI request
            // itself at hundreds of calls a second (bench profile); AriException carries what a failure needs.
            .RemoveAllLoggers();
        services.AddSingleton(sp => new AriEventStream(
            sp.GetRequiredService<AriOptions>(),
            sp.GetService<ILogger<AriEventStream>>(),
            sp.GetService<TimeProvider>()));
        return services;
    }
}
