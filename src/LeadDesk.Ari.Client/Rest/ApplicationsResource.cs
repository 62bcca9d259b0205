using LeadDesk.Ari.Client.Models;

namespace LeadDesk.Ari.Client.Rest;

/// <summary>/applications: subscribing keeps events flowing for a channel that left Stasis (e.g. into app_queue).</summary>
public sealed class ApplicationsResource
{
    private readonly AriRestTransport _t;

    internal ApplicationsResource(AriRestTransport transport) => _t = transport;

    public Task<IReadOnlyList<Application>> ListAsync(CancellationToken ct = default) =>
        _t.SendAsync<IReadOnlyList<Application>>(HttpMethod.Get, "applications", null, null, ct);

    public Task<Application> GetAsync(string app, CancellationToken ct = default) =>
        _t.SendAsync<Application>(HttpMethod.Get, "applications/" + AriRestTransport.Segment(app), null, null, ct);

    /// <param name="eventSource">channel:ID, bridge:ID, endpoint:TECH/RES or deviceState:NAME.</param>
    public Task<Application> SubscribeAsync(string app, string eventSource, CancellationToken ct = default) =>
        _t.SendAsync<Application>(HttpMethod.Post, "applications/" + AriRestTransport.Segment(app) + "/subscription",
            new AriQuery().Add("eventSource", eventSource), null, ct);

    /// <summary>
    /// <c>PUT /applications/{app}/eventFilter</c>: from now on Asterisk sends the application only events of the
    /// <paramref name="allowedTypes"/> (empty: every type again). Events of other types are never written to the
    /// websocket, which spares Asterisk the send and the client the parse.
    /// </summary>
    public Task<Application> FilterEventsAsync(string app, IReadOnlyCollection<string> allowedTypes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(allowedTypes);
        var allowed = new System.Text.Json.Nodes.JsonArray(allowedTypes.Select(t => (System.Text.Json.Nodes.JsonNode?)new System.Text.Json.Nodes.JsonObject { ["type"] = t }).ToArray());
        var body = new System.Text.Json.Nodes.JsonObject { ["allowed"] = allowed, ["disallowed"] = new System.Text.Json.Nodes.JsonArray() };
        return _t.SendAsync<Application>(HttpMethod.Put, "applications/" + AriRestTransport.Segment(app) + "/eventFilter", null, body, ct);
    }

    /// <summary>422 "Event source was not subscribed to" once the channel is gone.</summary>
    public Task<Application> UnsubscribeAsync(string app, string eventSource, CancellationToken ct = default) =>
        _t.SendAsync<Application>(HttpMethod.Delete, "applications/" + AriRestTransport.Segment(app) + "/subscription",
            new AriQuery().Add("eventSource", eventSource), null, ct);
}
