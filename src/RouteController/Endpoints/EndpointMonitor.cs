using System.Collections.Concurrent;
using LeadDesk.Ari.Client;
using LeadDesk.Ari.Client.Events;
using LeadDesk.Ari.Client.Models;
using LeadDesk.RouteController.Agents;
using LeadDesk.RouteController.Ari;
using LeadDesk.Store.Agents;
using Microsoft.Extensions.Logging;

namespace LeadDesk.RouteController.Endpoints;

/// <summary>
/// Asterisk's view of the agents' phones, kept from events instead of asked per call: at every connect one
/// <c>GET /endpoints/PJSIP</c> and a subscription to each agent's endpoint; then <see cref="EndpointStateChange"/>,
/// which Asterisk sends whenever a channel joins or leaves the endpoint. So nothing serial stands between a route
/// decision and the agent's originate. An endpoint not known yet (an agent added since the connect) is asked for
/// once and subscribed to from then on.
/// </summary>
internal sealed partial class EndpointMonitor(AriClient ari, AriOptions ariOptions, AgentRoster agents, ILogger<EndpointMonitor> logger)
{
    // A comma-separated eventSource per request; small enough for any HTTP request-line limit.
    private const int SubscribeBatch = 40;

    private readonly ConcurrentDictionary<string, Endpoint> _known = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _subscribed = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Endpoints whose state is being followed.</summary>
    public int Followed => _subscribed.Count;

    /// <summary>Re-reads every agent endpoint and subscribes to them; runs at every (re)connect, since the gap's events are lost.</summary>
    public async Task FollowAgentsAsync(CancellationToken ct)
    {
        _subscribed.Clear();
        var wanted = (await agents.ListAsync(ct).ConfigureAwait(false))
            .Where(a => AgentDialString.IsExtension(a.Extension))
            .Select(a => AgentDialString.LocalEndpoint(a.Extension))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (wanted.Count == 0)
        {
            return;
        }

        IReadOnlyList<Endpoint> all;
        try
        {
            all = await ari.Endpoints.ListByTechAsync("PJSIP", ct).ConfigureAwait(false);
        }
        catch (AriException e) when (e.IsNotFound)
        {
            all = [];
        }

        _known.Clear();
        foreach (var endpoint in all)
        {
            var key = Key(endpoint);
            if (wanted.Contains(key))
            {
                _known[key] = endpoint;
            }
        }

        foreach (var batch in wanted.Where(_known.ContainsKey).Chunk(SubscribeBatch))
        {
            var source = string.Join(',', batch.Select(e => "endpoint:" + e));
            if (await ari.Applications.SubscribeAsync(ariOptions.Application, source, ct).UnlessGoneAsync().ConfigureAwait(false))
            {
                foreach (var e in batch)
                {
                    _subscribed[e] = 0;
                }
            }
        }

        LogFollowing(_subscribed.Count, wanted.Count - _known.Count);
    }

    public void OnStateChange(EndpointStateChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var key = Key(change.Endpoint);
        if (_subscribed.ContainsKey(key))
        {
            _known[key] = change.Endpoint;
        }
    }

    /// <summary>
    /// Whether the endpoint is followed and has a channel now, from the events alone; null when it is not followed
    /// (unknown to Asterisk at the last connect, or not asked about since).
    /// </summary>
    public bool? FollowedBusy(string endpoint) =>
        _subscribed.ContainsKey(endpoint) && _known.TryGetValue(endpoint, out var known) ? known.ChannelIds.Count > 0 : null;

    /// <summary>
    /// Whether the phone is on a call now (a channel on its endpoint). Null when Asterisk does not know the endpoint:
    /// it cannot be rung.
    /// </summary>
    public async ValueTask<bool?> IsBusyAsync(string endpoint, CancellationToken ct)
    {
        if (FollowedBusy(endpoint) is { } followed)
        {
            return followed;
        }

        // Not followed yet: ask once, and follow it from now on.
        var slash = endpoint.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return null;
        }

        try
        {
            var state = await ari.Endpoints.GetAsync(endpoint[..slash], endpoint[(slash + 1)..], ct).ConfigureAwait(false);
            if (await ari.Applications.SubscribeAsync(ariOptions.Application, "endpoint:" + endpoint, ct).UnlessGoneAsync().ConfigureAwait(false))
            {
                _known[endpoint] = state;
                _subscribed[endpoint] = 0;
            }

            return state.ChannelIds.Count > 0;
        }
        catch (AriException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private static string Key(Endpoint endpoint) => endpoint.Technology + "/" + endpoint.Resource;

    [LoggerMessage(Level = LogLevel.Information, Message = "Following the state of {Count} agent phone(s); {Unknown} agent extension(s) unknown to Asterisk")]
    private partial void LogFollowing(int count, int unknown);
}
