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

    /// <summary>422 "Event source was not subscribed to" once the channel is gone.</summary>
    public Task<Application> UnsubscribeAsync(string app, string eventSource, CancellationToken ct = default) =>
        _t.SendAsync<Application>(HttpMethod.Delete, "applications/" + AriRestTransport.Segment(app) + "/subscription",
            new AriQuery().Add("eventSource", eventSource), null, ct);
}
