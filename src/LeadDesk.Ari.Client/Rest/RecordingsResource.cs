using LeadDesk.Ari.Client.Models;

namespace LeadDesk.Ari.Client.Rest;

/// <summary>/recordings: live ones (in progress) and stored ones (files in Asterisk's spool).</summary>
public sealed class RecordingsResource
{
    private readonly AriRestTransport _t;

    internal RecordingsResource(AriRestTransport transport) => _t = transport;

    private static string Live(string name, string? action = null) =>
        "recordings/live/" + AriRestTransport.Segment(name) + (action is null ? "" : "/" + action);

    private static string Stored(string name, string? action = null) =>
        "recordings/stored/" + AriRestTransport.Segment(name) + (action is null ? "" : "/" + action);

    public Task<LiveRecording> GetLiveAsync(string name, CancellationToken ct = default) =>
        _t.SendAsync<LiveRecording>(HttpMethod.Get, Live(name), null, null, ct);

    /// <summary>Stop and keep the recording.</summary>
    public Task StopLiveAsync(string name, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Post, Live(name, "stop"), null, null, ct);

    /// <summary>Stop and discard the recording.</summary>
    public Task CancelLiveAsync(string name, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Delete, Live(name), null, null, ct);

    public Task<StoredRecording> GetStoredAsync(string name, CancellationToken ct = default) =>
        _t.SendAsync<StoredRecording>(HttpMethod.Get, Stored(name), null, null, ct);

    public Task<IReadOnlyList<StoredRecording>> ListStoredAsync(CancellationToken ct = default) =>
        _t.SendAsync<IReadOnlyList<StoredRecording>>(HttpMethod.Get, "recordings/stored", null, null, ct);

    /// <summary>The raw file (audio/wav for wav recordings).</summary>
    public async Task<RecordingFile> DownloadStoredAsync(string name, CancellationToken ct = default)
    {
        var (content, contentType) = await _t.SendForBytesAsync(HttpMethod.Get, Stored(name, "file"), ct).ConfigureAwait(false);
        return new RecordingFile(content, contentType);
    }

    public Task<StoredRecording> CopyStoredAsync(string name, string destinationName, CancellationToken ct = default) =>
        _t.SendAsync<StoredRecording>(HttpMethod.Post, Stored(name, "copy"),
            new AriQuery().Add("destinationRecordingName", destinationName), null, ct);

    public Task DeleteStoredAsync(string name, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Delete, Stored(name), null, null, ct);
}
