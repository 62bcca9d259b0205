using LeadDesk.Ari.Client.Models;

namespace LeadDesk.Ari.Client.Rest;

/// <summary>/asterisk: version and liveness.</summary>
public sealed class AsteriskResource
{
    private readonly AriRestTransport _t;

    internal AsteriskResource(AriRestTransport transport) => _t = transport;

    public Task<AsteriskInfo> GetInfoAsync(CancellationToken ct = default) =>
        _t.SendAsync<AsteriskInfo>(HttpMethod.Get, "asterisk/info", null, null, ct);

    public Task<AsteriskPing> PingAsync(CancellationToken ct = default) =>
        _t.SendAsync<AsteriskPing>(HttpMethod.Get, "asterisk/ping", null, null, ct);
}
