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
/// Asterisk's view of the agents' phones, kept from events instead of asked per call: at every connect a
/// subscription to each agent's device state (<c>deviceState:PJSIP/1001</c>) and one <c>GET /endpoints/PJSIP</c>;
/// then <see cref="DeviceStateChanged"/>, which Asterisk sends whenever the phone starts or stops ringing or talking,
/// whoever drives the call. So nothing serial stands between a route decision and the agent's originate. An endpoint
/// not known yet (an agent added since the connect) is asked for once and followed from then on.
/// </summary>
/// <remarks>
/// Not <c>endpoint:PJSIP/1001</c> subscriptions (issue 27): Asterisk forwards every message of every channel on a
/// subscribed endpoint into the application's one serial message queue (<c>stasis/m:ari:application/leaddesk</c>,
/// res/stasis/app.c), where each becomes JSON before the event filter drops it, so every agent leg's messages
/// were handled twice and every call to an agent that Asterisk placed itself (a queue, a site's own Dial) loaded
/// the controller's queue too. A device-state subscription sends only the aggregate state, a few events per call,
/// straight from its own subscription (res_stasis_device_state.c, <c>stasis_app_send</c>), not through that queue.
/// </remarks>
internal sealed partial class EndpointMonitor(AriClient ari, AriOptions ariOptions, AgentRoster agents, ILogger<EndpointMonitor> logger)
{
    // A comma-separated eventSource per request; small enough for any HTTP request-line limit.
    private const int SubscribeBatch = 40;

    // Followed devices (known to Asterisk) and whether each has a call on it now.
    private readonly ConcurrentDictionary<string, bool> _inUse = new(StringComparer.OrdinalIgnoreCase);

    // Devices whose state changes this application receives.
    private readonly ConcurrentDictionary<string, byte> _subscribed = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Endpoints whose state is being followed.</summary>
    public int Followed => _inUse.Count;

    /// <summary>Subscribes to every agent's device state and re-reads their endpoints; runs at every (re)connect, since the gap's events are lost.</summary>
    public async Task FollowAgentsAsync(CancellationToken ct)
    {
        _inUse.Clear();
        var wanted = (await agents.ListAsync(ct).ConfigureAwait(false))
            .Where(a => AgentDialString.IsExtension(a.Extension))
            .Select(a => AgentDialString.LocalEndpoint(a.Extension))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (wanted.Count == 0)
        {
            return;
        }

        // Subscribed first, so that no change between the list and the subscription is lost: a change that comes in
        // before the list's answer is newer than the list, and kept.
        _subscribed.Clear();
        foreach (var batch in wanted.Chunk(SubscribeBatch))
        {
            foreach (var device in batch)
            {
                _subscribed[device] = 0;
            }

            var source = string.Join(',', batch.Select(e => "deviceState:" + e));
            if (!await ari.Applications.SubscribeAsync(ariOptions.Application, source, ct).UnlessGoneAsync().ConfigureAwait(false))
            {
                foreach (var device in batch)
                {
                    _subscribed.TryRemove(device, out _);
                }
            }
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

        var known = 0;
        foreach (var endpoint in all)
        {
            var key = Key(endpoint);
            if (wanted.Contains(key))
            {
                known++;
                if (_subscribed.ContainsKey(key))
                {
                    _inUse.TryAdd(key, endpoint.ChannelIds.Count > 0);
                }
            }
        }

        LogFollowing(_inUse.Count, wanted.Count - known);
    }

    public void OnStateChange(DeviceStateChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var device = change.DeviceState;
        if (_subscribed.ContainsKey(device.Name))
        {
            _inUse[device.Name] = device.InUse;
        }
    }

    /// <summary>
    /// Whether the endpoint is followed and has a call now, from the events alone; null when it is not followed
    /// (unknown to Asterisk at the last connect, or not asked about since).
    /// </summary>
    public bool? FollowedBusy(string endpoint) => _inUse.TryGetValue(endpoint, out var busy) ? busy : null;

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
            var busy = state.ChannelIds.Count > 0;
            if (await ari.Applications.SubscribeAsync(ariOptions.Application, "deviceState:" + endpoint, ct).UnlessGoneAsync().ConfigureAwait(false))
            {
                _subscribed[endpoint] = 0;
                _inUse.TryAdd(endpoint, busy);
            }

            return busy;
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
