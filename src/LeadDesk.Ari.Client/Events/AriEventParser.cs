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
        [nameof(EndpointStateChange)] = typeof(EndpointStateChange),
        [nameof(DeviceStateChanged)] = typeof(DeviceStateChanged),
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
        // One validating pass of the reader finds "type" without building a document; the known types are then
        // read straight from the bytes. (A JsonDocument, a second pass over it and a string copy of every event
        // cost ~4 KB and ~16 µs an event in the bench, a third of the controller's allocations per call.)
        string? typeName;
        try
        {
            typeName = PeekType(utf8Json);
        }
        catch (JsonException ex)
        {
            throw Fail("Not valid JSON: " + ex.Message, utf8Json, text, ex);
        }

        if (string.IsNullOrEmpty(typeName))
        {
            throw Fail("Not an ARI event: expected a JSON object with a string \"type\".", utf8Json, text, null);
        }

        AriEvent result;
        try
        {
            if (KnownTypes.TryGetValue(typeName, out var type))
            {
                result = (AriEvent)JsonSerializer.Deserialize(utf8Json, type, AriJson.Options)!;
            }
            else
            {
                using var doc = JsonDocument.Parse(utf8Json.ToArray());
                result = doc.RootElement.Deserialize<UnknownAriEvent>(AriJson.Options)! with { PeekedChannelId = PeekChannelId(doc.RootElement) };
            }
        }
        catch (JsonException ex)
        {
            throw Fail($"A {typeName} event has a field of an unexpected shape: {ex.Message}", utf8Json, text, ex);
        }

        if (text is not null)
        {
            result.RawJson = text;
        }
        else
        {
            result.SetRaw(utf8Json);
        }

        return result;
    }

    /// <summary>The top-level string "type" of a JSON object (null if absent or not a string); throws on any invalid JSON.</summary>
    private static string? PeekType(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            // Still validate the rest, so garbage is reported as invalid JSON rather than as a non-event.
            reader.Skip();
            while (reader.Read())
            {
            }

            return null;
        }

        string? type = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType && type is null && reader.TokenType == JsonTokenType.String)
            {
                type = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        // Trailing content after the object is invalid JSON.
        while (reader.Read())
        {
        }

        return type;
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
