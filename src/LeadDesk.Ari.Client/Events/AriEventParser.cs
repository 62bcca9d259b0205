using System.Text;
using System.Text.Json;
using LeadDesk.Ari.Client.Json;

namespace LeadDesk.Ari.Client.Events;

/// <summary>Turns one websocket message into a typed <see cref="AriEvent"/>; unknown types become <see cref="UnknownAriEvent"/>.</summary>
public static class AriEventParser
{
    private const int MaxPayloadInException = 2000;

    private static readonly Dictionary<string, Type> KnownTypes = new(StringComparer.Ordinal)
    {
        [nameof(StasisStart)] = typeof(StasisStart),
        [nameof(StasisEnd)] = typeof(StasisEnd),
        [nameof(ChannelStateChange)] = typeof(ChannelStateChange),
        [nameof(ChannelDestroyed)] = typeof(ChannelDestroyed),
        [nameof(ChannelHangupRequest)] = typeof(ChannelHangupRequest),
        [nameof(ChannelDtmfReceived)] = typeof(ChannelDtmfReceived),
        [nameof(ChannelEnteredBridge)] = typeof(ChannelEnteredBridge),
        [nameof(ChannelLeftBridge)] = typeof(ChannelLeftBridge),
        [nameof(ChannelVarset)] = typeof(ChannelVarset),
        [nameof(ChannelDialplan)] = typeof(ChannelDialplan),
        [nameof(ChannelConnectedLine)] = typeof(ChannelConnectedLine),
        [nameof(Dial)] = typeof(Dial),
        [nameof(PlaybackStarted)] = typeof(PlaybackStarted),
        [nameof(PlaybackContinuing)] = typeof(PlaybackContinuing),
        [nameof(PlaybackFinished)] = typeof(PlaybackFinished),
        [nameof(RecordingStarted)] = typeof(RecordingStarted),
        [nameof(RecordingFinished)] = typeof(RecordingFinished),
        [nameof(RecordingFailed)] = typeof(RecordingFailed),
        [nameof(BridgeCreated)] = typeof(BridgeCreated),
        [nameof(BridgeDestroyed)] = typeof(BridgeDestroyed),
        [nameof(ApplicationReplaced)] = typeof(ApplicationReplaced),
    };

    /// <exception cref="AriEventParseException">The message is not an ARI event, or a known event has fields of the wrong shape.</exception>
    public static AriEvent Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json), json);
    }

    /// <inheritdoc cref="Parse(string)"/>
    public static AriEvent Parse(ReadOnlySpan<byte> utf8Json) => Parse(utf8Json, null);

    private static AriEvent Parse(ReadOnlySpan<byte> utf8Json, string? text)
    {
        JsonDocument doc;
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            doc = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw Fail("Not valid JSON: " + ex.Message, utf8Json, text, ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var typeElement)
                || typeElement.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(typeElement.GetString()))
            {
                throw Fail("Not an ARI event: expected a JSON object with a string \"type\".", utf8Json, text, null);
            }

            var raw = text ?? Encoding.UTF8.GetString(utf8Json);
            AriEvent result;
            try
            {
                result = KnownTypes.TryGetValue(typeElement.GetString()!, out var type)
                    ? (AriEvent)root.Deserialize(type, AriJson.Options)!
                    : root.Deserialize<UnknownAriEvent>(AriJson.Options)! with { PeekedChannelId = PeekChannelId(root) };
            }
            catch (JsonException ex)
            {
                throw Fail($"A {typeElement.GetString()} event has a field of an unexpected shape: {ex.Message}", utf8Json, text, ex);
            }

            result.RawJson = raw;
            return result;
        }
    }

    // Unknown events that are about a channel (ChannelHold, ChannelTalkingStarted...) must stay in that channel's lane.
    private static string? PeekChannelId(JsonElement root) =>
        root.TryGetProperty("channel", out var channel)
        && channel.ValueKind == JsonValueKind.Object
        && channel.TryGetProperty("id", out var id)
        && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    private static AriEventParseException Fail(string message, ReadOnlySpan<byte> utf8Json, string? text, Exception? inner)
    {
        var payload = text ?? Encoding.UTF8.GetString(utf8Json);
        if (payload.Length > MaxPayloadInException)
        {
            payload = payload[..MaxPayloadInException] + "...";
        }

        return new AriEventParseException(message, payload, inner);
    }
}
