using LeadDesk.Ari.Client.Models;

namespace LeadDesk.Ari.Client.Rest;

/// <summary>/channels. Events caused by these calls often arrive before the HTTP response: correlate by id, not order.</summary>
public sealed class ChannelsResource
{
    private readonly AriRestTransport _t;

    internal ChannelsResource(AriRestTransport transport) => _t = transport;

    private static string P(string id, string? action = null) =>
        "channels/" + AriRestTransport.Segment(id) + (action is null ? "" : "/" + action);

    public Task<Channel> OriginateAsync(OriginateRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var q = new AriQuery()
            .Add("endpoint", request.Endpoint)
            .Add("app", request.App)
            .Add("appArgs", request.AppArgs)
            .Add("extension", request.Extension)
            .Add("context", request.Context)
            .Add("priority", request.Priority)
            .Add("callerId", request.CallerId)
            .Add("timeout", request.Timeout)
            .Add("channelId", request.ChannelId)
            .Add("otherChannelId", request.OtherChannelId)
            .Add("originator", request.Originator)
            .Add("formats", request.Formats);
        object? body = request.Variables is { Count: > 0 } v ? new { variables = v } : null;
        return _t.SendAsync<Channel>(HttpMethod.Post, "channels", q, body, ct);
    }

    /// <summary>POST /channels/create: a channel that does not dial until <see cref="DialAsync"/>.</summary>
    /// <param name="variables">
    /// Channel variables set as the channel is created (the request body's <c>variables</c>): a created channel
    /// enters Stasis only after the 200, so a <c>POST /variable</c> sent right away can meet 409 "Channel not in
    /// Stasis application" (seen on Asterisk 22.10.1).
    /// </param>
    public Task<Channel> CreateAsync(string endpoint, string app, string? appArgs = null, string? channelId = null,
        string? otherChannelId = null, string? originator = null, IReadOnlyDictionary<string, string>? variables = null, CancellationToken ct = default) =>
        _t.SendAsync<Channel>(HttpMethod.Post, "channels/create", new AriQuery()
            .Add("endpoint", endpoint).Add("app", app).Add("appArgs", appArgs)
            .Add("channelId", channelId).Add("otherChannelId", otherChannelId).Add("originator", originator),
            variables is { Count: > 0 } v ? new { variables = v } : null, ct);

    public Task DialAsync(string channelId, string? caller = null, int? timeoutSeconds = null, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Post, P(channelId, "dial"), new AriQuery().Add("caller", caller).Add("timeout", timeoutSeconds), null, ct);

    public Task<Channel> GetAsync(string channelId, CancellationToken ct = default) =>
        _t.SendAsync<Channel>(HttpMethod.Get, P(channelId), null, null, ct);

    public Task<IReadOnlyList<Channel>> ListAsync(CancellationToken ct = default) =>
        _t.SendAsync<IReadOnlyList<Channel>>(HttpMethod.Get, "channels", null, null, ct);

    public Task AnswerAsync(string channelId, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Post, P(channelId, "answer"), null, null, ct);

    /// <summary>Indicate ringing to the caller (SIP 180) without answering.</summary>
    public Task RingAsync(string channelId, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Post, P(channelId, "ring"), null, null, ct);

    public Task RingStopAsync(string channelId, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Delete, P(channelId, "ring"), null, null, ct);

    /// <summary>Early media (SIP 183) without answering. Needs Asterisk 20.16 / 21.11 / 22.6+: check <see cref="AriCapabilities"/>.</summary>
    public Task ProgressAsync(string channelId, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Post, P(channelId, "progress"), null, null, ct);

    /// <summary>Hang up. On an unanswered channel the reason is what the caller's network sees (busy: SIP 486).</summary>
    public Task HangupAsync(string channelId, HangupReason? reason = null, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Delete, P(channelId), new AriQuery().Add("reason", reason?.ToAriToken()), null, ct);

    /// <summary>Leave Stasis and continue in the dialplan (gives an immediate StasisEnd).</summary>
    public Task ContinueAsync(string channelId, string? context = null, string? extension = null, int? priority = null,
        string? label = null, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Post, P(channelId, "continue"), new AriQuery()
            .Add("context", context).Add("extension", extension).Add("priority", priority).Add("label", label), null, ct);

    /// <summary>Queue media on the channel; playbacks on one channel play one after another.</summary>
    public Task<Playback> PlayAsync(string channelId, string media, string? playbackId = null, string? lang = null, CancellationToken ct = default) =>
        PlayAsync(channelId, [media], playbackId, lang, ct);

    public Task<Playback> PlayAsync(string channelId, IReadOnlyList<string> media, string? playbackId = null, string? lang = null, CancellationToken ct = default) =>
        _t.SendAsync<Playback>(HttpMethod.Post, P(channelId, "play"),
            new AriQuery().Add("media", media).Add("lang", lang).Add("playbackId", playbackId), null, ct);

    /// <summary>POST /channels/{id}/play/{playbackId}: the same as <see cref="PlayAsync(string,string,string?,string?,CancellationToken)"/> with the id in the path.</summary>
    public Task<Playback> PlayWithIdAsync(string channelId, string playbackId, string media, string? lang = null, CancellationToken ct = default) =>
        _t.SendAsync<Playback>(HttpMethod.Post, P(channelId, "play/" + AriRestTransport.Segment(playbackId)),
            new AriQuery().Add("media", media).Add("lang", lang), null, ct);

    public Task<LiveRecording> RecordAsync(string channelId, RecordRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _t.SendAsync<LiveRecording>(HttpMethod.Post, P(channelId, "record"), new AriQuery()
            .Add("name", request.Name)
            .Add("format", request.Format)
            .Add("maxDurationSeconds", request.MaxDurationSeconds)
            .Add("maxSilenceSeconds", request.MaxSilenceSeconds)
            .Add("beep", request.Beep)
            .Add("terminateOn", request.TerminateOn)
            .Add("ifExists", request.IfExists), null, ct);
    }

    public Task StartMohAsync(string channelId, string? mohClass = null, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Post, P(channelId, "moh"), new AriQuery().Add("mohClass", mohClass), null, ct);

    public Task StopMohAsync(string channelId, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Delete, P(channelId, "moh"), null, null, ct);

    public async Task<string?> GetVariableAsync(string channelId, string variable, CancellationToken ct = default) =>
        (await _t.SendAsync<VariableValue>(HttpMethod.Get, P(channelId, "variable"), new AriQuery().Add("variable", variable), null, ct)
            .ConfigureAwait(false)).Value;

    public Task SetVariableAsync(string channelId, string variable, string? value, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Post, P(channelId, "variable"), new AriQuery().Add("variable", variable).Add("value", value), null, ct);

    public Task SendDtmfAsync(string channelId, string dtmf, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Post, P(channelId, "dtmf"), new AriQuery().Add("dtmf", dtmf), null, ct);

    private sealed record VariableValue(string? Value);
}
