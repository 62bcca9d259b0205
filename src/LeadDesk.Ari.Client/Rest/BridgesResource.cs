using LeadDesk.Ari.Client.Models;

namespace LeadDesk.Ari.Client.Rest;

/// <summary>/bridges.</summary>
public sealed class BridgesResource
{
    private readonly AriRestTransport _t;

    internal BridgesResource(AriRestTransport transport) => _t = transport;

    private static string P(string id, string? action = null) =>
        "bridges/" + AriRestTransport.Segment(id) + (action is null ? "" : "/" + action);

    /// <summary>Create a bridge; pass <paramref name="bridgeId"/> to choose the id (else Asterisk makes a UUID).</summary>
    public Task<Bridge> CreateAsync(string? bridgeId = null, string type = "mixing", string? name = null, CancellationToken ct = default) =>
        _t.SendAsync<Bridge>(HttpMethod.Post, "bridges",
            new AriQuery().Add("type", type).Add("bridgeId", bridgeId).Add("name", name), null, ct);

    public Task<Bridge> GetAsync(string bridgeId, CancellationToken ct = default) =>
        _t.SendAsync<Bridge>(HttpMethod.Get, P(bridgeId), null, null, ct);

    public Task<IReadOnlyList<Bridge>> ListAsync(CancellationToken ct = default) =>
        _t.SendAsync<IReadOnlyList<Bridge>>(HttpMethod.Get, "bridges", null, null, ct);

    public Task AddChannelAsync(string bridgeId, string channelId, CancellationToken ct = default) =>
        AddChannelAsync(bridgeId, [channelId], ct);

    /// <summary>422 when a channel is not in Stasis; 400 "Channel not found" for an unknown channel.</summary>
    public Task AddChannelAsync(string bridgeId, IReadOnlyList<string> channelIds, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Post, P(bridgeId, "addChannel"), new AriQuery().Add("channel", channelIds), null, ct);

    /// <summary>
    /// With <paramref name="inhibitConnectedLineUpdates"/> the joining channels' identity is not presented to the other
    /// members: a trunk leg then never sends an agent's extension on as a connected-line UPDATE or re-INVITE.
    /// </summary>
    public Task AddChannelAsync(string bridgeId, IReadOnlyList<string> channelIds, bool inhibitConnectedLineUpdates, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Post, P(bridgeId, "addChannel"), new AriQuery().Add("channel", channelIds)
            .Add("inhibitConnectedLineUpdates", inhibitConnectedLineUpdates ? "true" : null), null, ct);

    public Task RemoveChannelAsync(string bridgeId, string channelId, CancellationToken ct = default) =>
        RemoveChannelAsync(bridgeId, [channelId], ct);

    public Task RemoveChannelAsync(string bridgeId, IReadOnlyList<string> channelIds, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Post, P(bridgeId, "removeChannel"), new AriQuery().Add("channel", channelIds), null, ct);

    /// <summary>Destroying a bridge does not hang up its channels.</summary>
    public Task DestroyAsync(string bridgeId, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Delete, P(bridgeId), null, null, ct);

    public Task<Playback> PlayAsync(string bridgeId, string media, string? playbackId = null, string? lang = null, CancellationToken ct = default) =>
        PlayAsync(bridgeId, [media], playbackId, lang, ct);

    public Task<Playback> PlayAsync(string bridgeId, IReadOnlyList<string> media, string? playbackId = null, string? lang = null, CancellationToken ct = default) =>
        _t.SendAsync<Playback>(HttpMethod.Post, P(bridgeId, "play"),
            new AriQuery().Add("media", media).Add("lang", lang).Add("playbackId", playbackId), null, ct);
}
