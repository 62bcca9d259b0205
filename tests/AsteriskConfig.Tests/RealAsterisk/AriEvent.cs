using System.Text.Json;

namespace AsteriskConfig.Tests.RealAsterisk;

/// <summary>Reading ARI events as they come off the websocket (field names as in ../shared/ari-spec and tests/ari-transcripts/).</summary>
internal static class AriEvent
{
    private static readonly string[] Facts = ["cause", "cause_txt", "tech_cause", "soft", "dialstatus", "dialplan_app", "dialplan_app_data", "variable", "value"];

    public static string Type(JsonElement e) => Text(e, "type") ?? "";

    /// <summary>Whether an event is about the channel: its <c>channel</c>, the <c>peer</c> of a Dial, or a playback's target.</summary>
    public static bool Concerns(JsonElement e, string channelId) =>
        Id(e, "channel") == channelId || Id(e, "peer") == channelId
        || (e.TryGetProperty("playback", out var p) && Text(p, "target_uri") == "channel:" + channelId);

    /// <summary>The Q.850 cause of a ChannelDestroyed (in a soft ChannelHangupRequest it is a flag, not a cause).</summary>
    public static int? Cause(JsonElement e) =>
        e.TryGetProperty("cause", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null;

    public static string? ChannelState(JsonElement e) => e.TryGetProperty("channel", out var c) ? Text(c, "state") : null;

    /// <summary><c>context</c>, <c>exten</c> or <c>app_name</c> of the channel's dialplan location.</summary>
    public static string? Dialplan(JsonElement e, string name) =>
        e.TryGetProperty("channel", out var c) && c.TryGetProperty("dialplan", out var d) ? Text(d, name) : null;

    public static string? PlaybackMedia(JsonElement e) => e.TryGetProperty("playback", out var p) ? Text(p, "media_uri") : null;

    public static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>One line per event for failure messages: what happened, where in the dialplan, and the fields that matter here.</summary>
    public static string Summary(JsonElement e)
    {
        var facts = Facts.Where(n => e.TryGetProperty(n, out _)).Select(n => $"{n}={e.GetProperty(n)}");
        var media = PlaybackMedia(e) is { } m ? $" media={m}" : "";
        return $"{Text(e, "timestamp")} {Type(e)} state={ChannelState(e)} at={Dialplan(e, "context")},{Dialplan(e, "exten")} {string.Join(' ', facts)}{media}";
    }

    private static string? Id(JsonElement e, string name) => e.TryGetProperty(name, out var o) ? Text(o, "id") : null;
}
