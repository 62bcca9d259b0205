using LeadDesk.Ari.Client.Models;

namespace LeadDesk.Ari.Client.Rest;

/// <summary>/playbacks. Tones never end by themselves: stop them.</summary>
public sealed class PlaybacksResource
{
    private readonly AriRestTransport _t;

    internal PlaybacksResource(AriRestTransport transport) => _t = transport;

    public Task<Playback> GetAsync(string playbackId, CancellationToken ct = default) =>
        _t.SendAsync<Playback>(HttpMethod.Get, "playbacks/" + AriRestTransport.Segment(playbackId), null, null, ct);

    /// <summary>Stop (PlaybackFinished follows with state "done"); 404 once it already finished.</summary>
    public Task StopAsync(string playbackId, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Delete, "playbacks/" + AriRestTransport.Segment(playbackId), null, null, ct);
}
