using LeadDesk.Ari.Client.Models;
using LeadDesk.Ari.Client.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadDesk.Ari.Client;

/// <summary>
/// Typed ARI REST client. Thread-safe; one instance per Asterisk. Every call is bounded by
/// <see cref="AriOptions.RequestTimeout"/> and fails with <see cref="AriException"/> on an error status.
/// </summary>
public sealed class AriClient
{
    /// <param name="metrics">Counts and times every request when given (the host registers one).</param>
    public AriClient(HttpClient http, AriOptions options, ILogger<AriClient>? logger = null, AriRestMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var transport = new AriRestTransport(http, options, (ILogger?)logger ?? NullLogger.Instance, metrics);
        Channels = new ChannelsResource(transport);
        Bridges = new BridgesResource(transport);
        Playbacks = new PlaybacksResource(transport);
        Recordings = new RecordingsResource(transport);
        Endpoints = new EndpointsResource(transport);
        Applications = new ApplicationsResource(transport);
        Asterisk = new AsteriskResource(transport);
        DeviceStates = new DeviceStatesResource(transport);
    }

    public ChannelsResource Channels { get; }

    public BridgesResource Bridges { get; }

    public PlaybacksResource Playbacks { get; }

    public RecordingsResource Recordings { get; }

    public EndpointsResource Endpoints { get; }

    public ApplicationsResource Applications { get; }

    public AsteriskResource Asterisk { get; }

    public DeviceStatesResource DeviceStates { get; }

    /// <summary>What the connected Asterisk supports, from GET /asterisk/info.</summary>
    public async Task<AriCapabilities> GetCapabilitiesAsync(CancellationToken ct = default)
    {
        var info = await Asterisk.GetInfoAsync(ct).ConfigureAwait(false);
        return AriCapabilities.From(AsteriskVersion.Parse(info.System?.Version)) with { SystemName = info.Config?.Name ?? "" };
    }
}
