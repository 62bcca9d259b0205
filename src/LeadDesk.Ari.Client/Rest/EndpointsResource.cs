using LeadDesk.Ari.Client.Models;

namespace LeadDesk.Ari.Client.Rest;

/// <summary>/endpoints: whether an agent's phone has a contact (state "online") before we ring it.</summary>
public sealed class EndpointsResource
{
    private readonly AriRestTransport _t;

    internal EndpointsResource(AriRestTransport transport) => _t = transport;

    public Task<IReadOnlyList<Endpoint>> ListAsync(CancellationToken ct = default) =>
        _t.SendAsync<IReadOnlyList<Endpoint>>(HttpMethod.Get, "endpoints", null, null, ct);

    public Task<IReadOnlyList<Endpoint>> ListByTechAsync(string tech, CancellationToken ct = default) =>
        _t.SendAsync<IReadOnlyList<Endpoint>>(HttpMethod.Get, "endpoints/" + AriRestTransport.Segment(tech), null, null, ct);

    public Task<Endpoint> GetAsync(string tech, string resource, CancellationToken ct = default) =>
        _t.SendAsync<Endpoint>(HttpMethod.Get,
            "endpoints/" + AriRestTransport.Segment(tech) + "/" + AriRestTransport.Segment(resource), null, null, ct);
}
