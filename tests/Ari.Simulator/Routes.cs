using System.Globalization;
using System.Text.Json.Nodes;

namespace LeadDesk.Ari.Simulator;

public sealed partial class AsteriskSimulator
{
    private Reply Route(string m, string[] s, Params p)
    {
        switch (s)
        {
            case ["asterisk", "info"] when m == "GET": return Reply.Ok(AsteriskInfo());
            case ["asterisk", "ping"] when m == "GET":
                return Reply.Ok(new JsonObject { ["ping"] = "pong", ["timestamp"] = Ts(Now), ["asterisk_id"] = "02:fc:00:00:00:01" });
            case ["channels"] when m == "GET":
                return Reply.Ok(new JsonArray(_channels.Values.OrderByDescending(c => c.Created).ThenByDescending(c => c.Id, StringComparer.Ordinal).Select(c => (JsonNode)c.Snapshot()).ToArray()));
            case ["channels"] when m == "POST": return Originate(p, p.Get("channelId"), dialNow: true);
            case ["channels", "create"] when m == "POST": return Originate(p, p.Get("channelId"), dialNow: false);
            case ["channels", var id] when m == "POST": return Originate(p, id, dialNow: true);
            case ["channels", var id] when m == "GET":
                return _channels.TryGetValue(id, out var gc) ? Reply.Ok(gc.Snapshot()) : Reply.Msg(404, "Channel not found");
            case ["channels", var id] when m == "DELETE": return HangupByApp(id, p);
            case ["channels", var id, "variable"] when m == "GET": return GetVariable(id, p);
            case ["channels", var id, "variable"] when m == "POST": return SetVariable(id, p);
            case ["channels", var id, "play", var pbId] when m == "POST": return PlayOnChannel(id, p, pbId, forceQueued: true);
            case ["channels", var id, var op]: return ChannelOp(m, id, op, p);
            case ["bridges"] when m == "GET": return Reply.Ok(new JsonArray(_bridges.Values.Select(b => (JsonNode)b.Snapshot()).ToArray()));
            case ["bridges"] when m == "POST": return CreateBridge(p, p.Get("bridgeId"));
            case ["bridges", var id] when m == "POST": return CreateBridge(p, id);
            case ["bridges", var id] when m == "GET":
                return _bridges.TryGetValue(id, out var gb) ? Reply.Ok(gb.Snapshot()) : Reply.Msg(404, "Bridge not found");
            case ["bridges", var id] when m == "DELETE": return DestroyBridge(id);
            case ["bridges", var id, "play", var pbId] when m == "POST": return PlayOnBridge(id, p, pbId, forceQueued: true);
            case ["bridges", var id, var op]: return BridgeOp(m, id, op, p);
            case ["playbacks", var id] when m == "GET":
                return _playbacks.TryGetValue(id, out var pb) ? Reply.Ok(pb.Snapshot()) : Reply.Msg(404, "Playback not found");
            case ["playbacks", var id] when m == "DELETE": return StopPlayback(id);
            case ["playbacks", var id, "control"] when m == "POST":
                return _playbacks.ContainsKey(id) ? Reply.NoContent() : Reply.Msg(404, "Playback not found");
            case ["recordings", "live", var name] when m == "GET":
                return _liveRecordings.TryGetValue(name, out var lr) ? Reply.Ok(lr.Snapshot()) : Reply.Msg(404, "Recording not found");
            case ["recordings", "live", var name] when m == "DELETE": return EndRecording(name, cancel: true);
            case ["recordings", "live", var name, "stop"] when m == "POST": return EndRecording(name, cancel: false);
            case ["recordings", "live", var name, "pause" or "mute"] when m is "POST" or "DELETE":
                return _liveRecordings.ContainsKey(name) ? Reply.NoContent() : Reply.Msg(404, "Recording not found");
            case ["recordings", "stored"] when m == "GET":
                return Reply.Ok(new JsonArray(_stored.Values.Select(r => (JsonNode)StoredJson(r)).ToArray()));
            case ["recordings", "stored", var name] when m == "GET":
                return _stored.TryGetValue(name, out var sr) ? Reply.Ok(StoredJson(sr)) : Reply.Msg(404, "Recording not found");
            case ["recordings", "stored", var name] when m == "DELETE":
                return _stored.Remove(name) ? Reply.NoContent() : Reply.Msg(404, "Recording not found");
            case ["recordings", "stored", var name, "file"] when m == "GET":
                return _stored.TryGetValue(name, out var fr) ? new Reply(200, Bytes: fr.Bytes, ContentType: "audio/wav") : Reply.Msg(404, "Recording not found");
            case ["recordings", "stored", var name, "copy"] when m == "POST": return CopyRecording(name, p);
            case ["endpoints"] when m == "GET": return Reply.Ok(new JsonArray(_endpoints.Values.OrderBy(e => e.Tech + "/" + e.Resource, StringComparer.Ordinal).Select(e => (JsonNode)EndpointJson(e)).ToArray()));
            case ["endpoints", var tech] when m == "GET":
                {
                    var list = _endpoints.Values.Where(e => e.Tech.Equals(tech, StringComparison.OrdinalIgnoreCase)).OrderBy(e => e.Resource, StringComparer.Ordinal).ToList();
                    return list.Count == 0 ? Reply.Msg(404, "No Endpoints found - invalid tech " + tech) : Reply.Ok(new JsonArray(list.Select(e => (JsonNode)EndpointJson(e)).ToArray()));
                }
            case ["endpoints", var tech, var res] when m == "GET":
                return FindEndpoint(tech, res) is { } ep ? Reply.Ok(EndpointJson(ep)) : Reply.Msg(404, "Endpoint not found");
            case ["applications"] when m == "GET": return Reply.Ok(new JsonArray(_apps.Values.Select(a => (JsonNode)AppJson(a.Name)).ToArray()));
            case ["applications", var app] when m == "GET":
                return _apps.ContainsKey(app) ? Reply.Ok(AppJson(app)) : Reply.Msg(404, "Application not found");
            case ["applications", var app, "subscription"] when m is "POST" or "DELETE": return Subscription(m, app, p);
            case ["applications", var app, "eventFilter"] when m == "PUT": return EventFilter(app, p);
            case ["deviceStates"] when m == "GET":
                return Reply.Ok(new JsonArray(_deviceStates.Select(d => (JsonNode)new JsonObject { ["name"] = d.Key, ["state"] = d.Value }).ToArray()));
            case ["deviceStates", var device] when m == "GET":
                return Reply.Ok(new JsonObject { ["name"] = device, ["state"] = _deviceStates.GetValueOrDefault(device, "UNKNOWN") });
            case ["deviceStates", var device] when m == "PUT": return UpdateDeviceState(device, p);
            case ["sounds"] when m == "GET": return Reply.Ok(new JsonArray(SoundJson("beep")));
            case ["sounds", var id] when m == "GET":
                return MissingSounds.Contains(id) || id.StartsWith("nosuch", StringComparison.Ordinal) ? Reply.Msg(404, "Sound not found") : Reply.Ok(SoundJson(id));
            default:
                return IsKnownPath(s) ? InvalidMethod : ResourceNotFound;
        }
    }

    // As res_ari_device_states: only Stasis: devices are the application's, and only Asterisk's state names are states.
    private Reply UpdateDeviceState(string device, Params p)
    {
        if (!device.StartsWith("Stasis:", StringComparison.Ordinal))
        {
            return Reply.Msg(409, "Uncontrolled device specified");
        }

        var state = p.Get("deviceState");
        if (state is null || !DeviceStateNames.Contains(state))
        {
            return Reply.Msg(400, "Invalid device state");
        }

        _deviceStates[device] = state;
        DeviceStateUpdates.Enqueue((device, state));
        return Reply.NoContent();
    }

    private static readonly HashSet<string> DeviceStateNames =
        ["UNKNOWN", "NOT_INUSE", "INUSE", "BUSY", "INVALID", "UNAVAILABLE", "RINGING", "RINGINUSE", "ONHOLD"];

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _deviceStates = new(StringComparer.Ordinal);

    /// <summary>The state an application last set for <paramref name="device"/> (<c>Stasis:...</c>), or null.</summary>
    public string? DeviceState(string device) => _deviceStates.GetValueOrDefault(device);

    /// <summary>Every PUT /deviceStates the application made, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(string Device, string State)> DeviceStateUpdates { get; } = new();

    private static bool IsKnownPath(string[] s) => s.Length > 0 && s[0] is "channels" or "bridges" or "playbacks" or "recordings" or "endpoints" or "applications" or "asterisk" or "sounds" or "deviceStates"
        && s.Length <= 4 && !(s.Length == 3 && s[0] == "channels" && !ChannelOps.Contains(s[2]));

    private static readonly HashSet<string> ChannelOps = ["answer", "ring", "progress", "continue", "play", "record", "moh", "dtmf", "dial", "hold", "mute", "silence", "variable", "redirect", "move", "snoop", "externalMedia", "rtp_statistics"];

    private JsonObject AsteriskInfo() => new()
    {
        ["build"] = new JsonObject { ["os"] = "Linux", ["kernel"] = "6.18.44-fc-v782", ["machine"] = "x86_64", ["options"] = "OPTIONAL_API", ["date"] = "2026-11-23 19:50:28 UTC", ["user"] = "root" },
        ["system"] = new JsonObject { ["version"] = _opt.AsteriskVersion, ["entity_id"] = "02:fc:00:00:00:01" },
        ["config"] = new JsonObject { ["name"] = _opt.SystemName ?? "", ["default_language"] = "en", ["setid"] = new JsonObject { ["user"] = "", ["group"] = "" } },
        ["status"] = new JsonObject { ["startup_time"] = Ts(_startup), ["last_reload_time"] = Ts(_startup) },
    };

    private static JsonObject SoundJson(string id)
    {
        var formats = new JsonArray();
        foreach (var lang in new[] { "en_US_f_Allison", "en_US", "en" })
            foreach (var f in new[] { "gsm", "slin" })
                formats.Add(new JsonObject { ["language"] = lang, ["format"] = f });
        return new JsonObject { ["id"] = id, ["formats"] = formats };
    }

    private static JsonObject StoredJson(StoredRecording r) => new() { ["name"] = r.Name, ["format"] = r.Format };

    private Endpoint? FindEndpoint(string tech, string res) =>
        _endpoints.Values.FirstOrDefault(e => e.Tech.Equals(tech, StringComparison.OrdinalIgnoreCase) && e.Resource == res);

    private JsonObject EndpointJson(Endpoint e) => new()
    {
        ["technology"] = e.Tech,
        ["resource"] = e.Resource,
        ["state"] = e.Online ? "online" : "offline",
        ["channel_ids"] = new JsonArray(_channels.Values.Where(c => c.Endpoint == e).Select(c => (JsonNode?)JsonValue.Create(c.Id)).ToArray()),
    };

    private JsonObject AppJson(string app) => new()
    {
        ["name"] = app,
        ["channel_ids"] = new JsonArray(_channels.Values.Where(c => c.StasisApp == app || c.Subscribers.Contains(app)).Select(c => (JsonNode?)JsonValue.Create(c.Id)).ToArray()),
        ["bridge_ids"] = new JsonArray(_bridges.Values.Where(b => b.Subscribers.Contains(app)).Select(b => (JsonNode?)JsonValue.Create(b.Id)).ToArray()),
        ["endpoint_ids"] = new JsonArray(_apps.TryGetValue(app, out var st) ? st.Endpoints.Select(e => (JsonNode?)JsonValue.Create(e.TrimEnd('/'))).ToArray() : []),
        ["device_names"] = new JsonArray(_apps.TryGetValue(app, out var ds) ? ds.Devices.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray() : []),
        ["events_allowed"] = new JsonArray(_apps.TryGetValue(app, out var a) ? a.AllowedEvents.Select(t => (JsonNode?)new JsonObject { ["type"] = t }).ToArray() : []),
        ["events_disallowed"] = new JsonArray(_apps.TryGetValue(app, out var d) ? d.DisallowedEvents.Select(t => (JsonNode?)new JsonObject { ["type"] = t }).ToArray() : []),
    };

    /// <summary>PUT /applications/{app}/eventFilter, by the rules in ari-spec/applications.json.</summary>
    private Reply EventFilter(string app, Params p)
    {
        if (!_apps.TryGetValue(app, out var st)) return Reply.Msg(404, "Application not found");
        var body = p.Body;
        if (body is null || body.Count == 0)
        {
            st.AllowedEvents.Clear();
            st.DisallowedEvents.Clear();
            return Reply.Ok(AppJson(app));
        }
        foreach (var (key, set) in new[] { ("allowed", st.AllowedEvents), ("disallowed", st.DisallowedEvents) })
        {
            if (!body.TryGetPropertyValue(key, out var list)) continue;
            if (list is not JsonArray items) return Reply.Msg(400, $"Invalid filter: '{key}' must be an array");
            var types = new List<string>();
            foreach (var item in items)
            {
                if (item is not JsonObject o || o["type"]?.GetValue<string>() is not { Length: > 0 } type) return Reply.Msg(400, "Invalid filter: each entry needs a 'type'");
                types.Add(type);
            }
            set.Clear();
            set.UnionWith(types);
        }
        return Reply.Ok(AppJson(app));
    }

    /// <summary>Asterisk publishes an endpoint snapshot, and so EndpointStateChange, when a channel joins or leaves it.</summary>
    private void EndpointChanged(Endpoint? e)
    {
        if (e is null) return;
        var key = e.Tech + "/" + e.Resource;
        var apps = _apps.Values.Where(a => a.Endpoints.Contains(key) || a.Endpoints.Contains(e.Tech + "/")).Select(a => a.Name).ToList();
        if (apps.Count > 0) Emit("EndpointStateChange", apps, null, ("endpoint", EndpointJson(e)));
        // The device's aggregate state, as chan_pjsip derives it from the endpoint's channels (simplified: a channel
        // is INUSE; real Asterisk also says RINGING). Real Asterisk sends it straight from the subscription, and
        // sends it only when the state changes.
        var devices = _apps.Values.Where(a => a.Devices.Contains(key)).Select(a => a.Name).ToList();
        if (devices.Count > 0)
        {
            var state = !e.Online ? "UNAVAILABLE" : _channels.Values.Any(c => c.Endpoint == e) ? "INUSE" : "NOT_INUSE";
            if (!_phoneStates.TryGetValue(key, out var last) || last != state)
            {
                _phoneStates[key] = state;
                Emit("DeviceStateChanged", devices, null, ("device_state", new JsonObject { ["name"] = key, ["state"] = state }));
            }
        }
    }

    // The last state sent for each phone's device (PJSIP/1001), so that only changes are sent, as Asterisk does.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _phoneStates = new(StringComparer.OrdinalIgnoreCase);

    private Reply Subscription(string m, string app, Params p)
    {
        if (!_apps.ContainsKey(app)) return Reply.Msg(404, "Application not found");
        var src = p.Get("eventSource");
        if (string.IsNullOrEmpty(src)) return Reply.Msg(400, "Missing parameter eventSource");
        foreach (var one in src.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int colon = one.IndexOf(':');
            if (colon < 0) return Reply.Msg(400, "Invalid event source URI scheme");
            var (scheme, id) = (one[..colon], one[(colon + 1)..]);
            if (scheme == "channel")
            {
                if (m == "POST")
                {
                    if (!_channels.TryGetValue(id, out var c)) return Reply.Msg(422, "Event source does not exist");
                    c.Subscribers.Add(app);
                }
                else if (!_channels.TryGetValue(id, out var c) || !c.Subscribers.Remove(app)) return Reply.Msg(422, "Event source was not subscribed to");
            }
            else if (scheme == "bridge")
            {
                if (m == "POST")
                {
                    if (!_bridges.TryGetValue(id, out var b)) return Reply.Msg(422, "Event source does not exist");
                    b.Subscribers.Add(app);
                }
                else if (!_bridges.TryGetValue(id, out var b) || !b.Subscribers.Remove(app)) return Reply.Msg(422, "Event source was not subscribed to");
            }
            else if (scheme == "endpoint")
            {
                // endpoint:TECH/RESOURCE, or endpoint:TECH for every endpoint of the technology.
                var key = id.Contains('/', StringComparison.Ordinal) ? id : id + "/";
                if (m == "POST")
                {
                    if (!_endpoints.Keys.Any(k => k.Equals(key, StringComparison.OrdinalIgnoreCase) || (key.EndsWith('/') && k.StartsWith(key, StringComparison.OrdinalIgnoreCase))))
                        return Reply.Msg(422, "Event source does not exist");
                    _apps[app].Endpoints.Add(key);
                }
                else if (!_apps[app].Endpoints.Remove(key)) return Reply.Msg(422, "Event source was not subscribed to");
            }
            else if (scheme is "deviceState")
            {
                // Asterisk accepts any device name (a device it does not know is INVALID).
                if (m == "POST") _apps[app].Devices.Add(id);
                else if (!_apps[app].Devices.Remove(id)) return Reply.Msg(422, "Event source was not subscribed to");
            }
            else return Reply.Msg(400, "Invalid event source URI scheme");
        }
        return Reply.Ok(AppJson(app));
    }

    private Reply CopyRecording(string name, Params p)
    {
        var dest = p.Get("destinationRecordingName");
        if (string.IsNullOrEmpty(dest)) return Reply.Msg(400, "Missing parameter destinationRecordingName");
        if (!_stored.TryGetValue(name, out var r)) return Reply.Msg(404, "Recording not found");
        if (_stored.ContainsKey(dest)) return Reply.Msg(409, "A recording with the same name already exists on the system");
        var copy = new StoredRecording(dest, r.Format, r.Bytes.ToArray());
        _stored[dest] = copy;
        return Reply.Ok(StoredJson(copy));
    }

    // ---------------------------------------------------------------- causes

    internal static string CauseText(int cause) => cause switch
    {
        0 => "Unknown",
        1 => "Unallocated (unassigned) number",
        3 => "No route to destination",
        16 => "Normal Clearing",
        17 => "User busy",
        18 => "No user responding",
        19 => "User alerting, no answer",
        21 => "Call Rejected",
        22 => "Number changed",
        26 => "Answered elsewhere",
        27 => "Destination out of order",
        28 => "Invalid number format (incomplete number)",
        31 => "Normal, unspecified",
        34 => "Circuit/channel congestion",
        38 => "Network out of order",
        58 => "Bearer capability not available",
        127 => "Interworking, unspecified",
        _ => "Unknown",
    };

    /// <summary>chan_pjsip hangup_cause2sip for an unanswered inbound leg (0 means 603 Decline).</summary>
    internal static int SipForCause(int cause) => cause switch
    {
        1 or 2 or 3 => 404,
        17 => 486,
        18 => 408,
        19 or 20 => 480,
        21 => 403,
        22 => 410,
        27 => 502,
        28 => 484,
        29 => 501,
        31 => 480,
        34 or 42 => 503,
        38 => 500,
        58 => 488,
        66 => 503,
        127 => 500,
        _ => 603,
    };

    private static int? ReasonToCause(string reason) => reason switch
    {
        "normal" => 16,
        "busy" => 17,
        "congestion" => 34,
        "no_answer" => 19,
        "timeout" => 18,
        "rejected" => 21,
        "unallocated" => 1,
        "normal_unspecified" => 31,
        "number_incomplete" => 28,
        "codec_mismatch" => 58,
        "interworking" => 127,
        "failure" => 38,
        "answered_elsewhere" => 26,
        _ => null,
    };

    private static int ParseInt(string? s, int dflt) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : dflt;
}
