using System.Text.Json.Nodes;

namespace LeadDesk.Ari.Simulator;

internal sealed class Endpoint(string tech, string resource, PhoneScript script)
{
    public string Tech { get; } = tech;
    public string Resource { get; } = resource;
    public PhoneScript Script { get; set; } = script;
    public bool Online => Script.Behaviour != PhoneBehaviour.NoContact;
}

internal sealed class Chan
{
    public required string Id;
    public required string Name;
    public required Endpoint Endpoint;
    public string State = "Down";
    public string ProtocolId = "";
    public string CallerName = "", CallerNumber = "", ConnName = "", ConnNumber = "";
    public string Context = "", Exten = "s";
    public int Priority = 1;
    public string AppName = "", AppData = "";
    /// <summary>dialplan app shown once the channel left Stasis (AppDial2 for originated channels, "" otherwise).</summary>
    public string BaseAppName = "", BaseAppData = "";
    public DateTimeOffset Created;
    public string? StasisApp;
    public readonly HashSet<string> Subscribers = new(StringComparer.Ordinal);
    public bool Originated;
    public string? OriginateApp;
    public string? AppArgs;
    public SimulatedCall? Call;
    public string? BridgeId;
    public Playback? CurrentPlayback;
    public readonly List<Playback> QueuedPlaybacks = [];
    public LiveRecording? Recording;
    public readonly Dictionary<string, string> Vars = new(StringComparer.Ordinal);
    public bool DialStarted, DialFinished, AwaitingDial;
    public int TimeoutSeconds = 30;
    /// <summary>Overrides the endpoint's script: a lead dialled through a trunk behaves as scripted for its number.</summary>
    public PhoneScript? Script;
    /// <summary>Set for a channel dialled out through a trunk (<c>PJSIP/number@trunk</c>).</summary>
    public TrunkCall? TrunkCall;
    public bool InhibitConnectedLine;
    public required CancellationTokenSource Cts;
    public bool Destroyed;
    public bool InQueue;
    public Chan? QueueCaller;   // for a queue member leg: the caller channel
    public Chan? QueueMember;   // for a caller in a queue: the member leg
    public string DialString = "";
    public readonly List<string> Played = [];
    public bool InStasisOrPending => StasisApp is not null || AwaitingDial;

    public JsonObject Snapshot() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["state"] = State,
        ["protocol_id"] = ProtocolId,
        ["caller"] = new JsonObject { ["name"] = CallerName, ["number"] = CallerNumber },
        ["connected"] = new JsonObject { ["name"] = ConnName, ["number"] = ConnNumber },
        ["accountcode"] = "",
        ["dialplan"] = new JsonObject
        {
            ["context"] = Context, ["exten"] = Exten, ["priority"] = Priority,
            ["app_name"] = AppName, ["app_data"] = AppData,
        },
        ["creationtime"] = AsteriskSimulator.Ts(Created),
        ["language"] = "en",
    };
}

internal sealed class Bridge
{
    public required string Id;
    public string Name = "";
    public string Type = "mixing";
    public string Technology = "simple_bridge";
    public DateTimeOffset Created;
    public readonly List<string> Channels = [];
    public readonly HashSet<string> Subscribers = new(StringComparer.Ordinal);
    public Playback? CurrentPlayback;
    public readonly List<Playback> QueuedPlaybacks = [];

    public JsonObject Snapshot() => new()
    {
        ["id"] = Id,
        ["technology"] = Technology,
        ["bridge_type"] = Type,
        ["bridge_class"] = "stasis",
        ["creator"] = "Stasis",
        ["name"] = Name,
        ["channels"] = new JsonArray(Channels.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
        ["creationtime"] = AsteriskSimulator.Ts(Created),
        ["video_mode"] = "talker",
    };
}

internal sealed class Playback
{
    public required string Id;
    public required List<string> Media;
    public required string TargetUri;
    public string Language = "en";
    public string State = "queued";
    public Chan? Channel;
    public Bridge? Bridge;
    /// <summary>Lengths of <c>sound:http(s)://</c> media once fetched (null: the fetch failed, as Asterisk's media cache would).</summary>
    public Dictionary<string, TimeSpan?>? Fetched;

    public JsonObject Snapshot() => new()
    {
        ["id"] = Id,
        ["media_uri"] = Media[0],
        ["target_uri"] = TargetUri,
        ["language"] = Language,
        ["state"] = State,
    };
}

internal sealed class LiveRecording
{
    public required string Name;
    public required string Format;
    public required Chan Channel;
    public string State = "queued";
    public string TerminateOn = "none";
    public long StartedTicks;
    public TimeSpan? TalkLength;
    public TimeSpan? ScriptedLength;
    public JsonObject Snapshot() => new()
    {
        ["name"] = Name, ["format"] = Format, ["state"] = State, ["target_uri"] = "channel:" + Channel.Id,
    };
}

internal sealed class StoredRecording(string name, string format, byte[] bytes)
{
    public string Name { get; } = name;
    public string Format { get; } = format;
    public byte[] Bytes { get; } = bytes;
    public TimeSpan Length => TimeSpan.FromSeconds(Math.Max(0, Bytes.Length - 44) / 16000.0);
}

internal sealed class AppState(string name)
{
    public string Name { get; } = name;
    public WsConn? Conn;
    public bool SubscribeAll;
    /// <summary>Endpoint subscriptions: "PJSIP/1001", or "PJSIP/" for the whole technology.</summary>
    public readonly HashSet<string> Endpoints = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Device-state subscriptions (deviceState:PJSIP/1001): the device's aggregate state, not its channels' events.</summary>
    public readonly HashSet<string> Devices = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>The event filter (PUT eventFilter): empty allowed = all types.</summary>
    public readonly HashSet<string> AllowedEvents = new(StringComparer.Ordinal);
    public readonly HashSet<string> DisallowedEvents = new(StringComparer.Ordinal);

    public bool Wants(string type) =>
        !DisallowedEvents.Contains(type) && (AllowedEvents.Count == 0 || AllowedEvents.Contains(type));
}

internal sealed record Queue(string Context, string Exten, string QueueName, IReadOnlyList<string> Members);

/// <summary>Small helpers: the 8 kHz mono 16-bit WAV Asterisk writes for format=wav.</summary>
public static class Wav
{
    public static byte[] Create(TimeSpan length, double toneHz = 440)
    {
        int samples = (int)Math.Round(Math.Max(0, length.TotalSeconds) * 8000);
        var ms = new MemoryStream(44 + samples * 2);
        var w = new BinaryWriter(ms);
        w.Write("RIFF"u8); w.Write(36 + samples * 2); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(8000); w.Write(16000); w.Write((short)2); w.Write((short)16);
        w.Write("data"u8); w.Write(samples * 2);
        for (int i = 0; i < samples; i++) w.Write((short)(Math.Sin(2 * Math.PI * toneHz * i / 8000) * 4000));
        w.Flush();
        return ms.ToArray();
    }

    /// <summary>Length of a PCM WAV from its header (fmt byte rate and data size).</summary>
    public static TimeSpan Length(byte[] wav)
    {
        int byteRate = BitConverter.ToInt32(wav, 28);
        int pos = 12;
        while (pos + 8 <= wav.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(wav, pos, 4);
            int size = BitConverter.ToInt32(wav, pos + 4);
            if (id == "data") return TimeSpan.FromSeconds((double)size / byteRate);
            pos += 8 + size;
        }
        return TimeSpan.Zero;
    }
}
