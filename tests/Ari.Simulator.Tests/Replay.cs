using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadDesk.Ari.Simulator;

namespace Ari.Simulator.Tests;

internal static class Transcripts
{
    /// <summary>The recorded transcripts, test data of this repository: tests/ari-transcripts, found above the test binary.</summary>
    public static string Dir()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var c = Path.Combine(d.FullName, "tests", "ari-transcripts");
            if (File.Exists(Path.Combine(d.FullName, "LeadDesk.Ari.sln")) && Directory.Exists(c)) return c;
        }
        throw new DirectoryNotFoundException("tests/ari-transcripts not found above " + AppContext.BaseDirectory);
    }

    public static List<JsonObject> Load(string file)
    {
        return File.ReadAllLines(Path.Combine(Dir(), file)).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
    }
}

/// <summary>A raw ARI events websocket client collecting every event.</summary>
internal sealed class EventClient : IAsyncDisposable
{
    private readonly ClientWebSocket _ws = new();
    private readonly List<JsonObject> _sink;
    private Task? _loop;
    public EventClient(List<JsonObject> sink) => _sink = sink;

    public static async Task<EventClient> ConnectAsync(AsteriskSimulator sim, string app, List<JsonObject> sink)
    {
        var c = new EventClient(sink);
        await c._ws.ConnectAsync(new Uri(sim.WebSocketUrl(app)), TestContext.Current.CancellationToken);
        c._loop = Task.Run(c.LoopAsync);
        return c;
    }

    private async Task LoopAsync()
    {
        var buf = new byte[1 << 16];
        try
        {
            while (true)
            {
                var ms = new MemoryStream();
                WebSocketReceiveResult r;
                do
                {
                    r = await _ws.ReceiveAsync(buf, CancellationToken.None);
                    if (r.MessageType == WebSocketMessageType.Close) return;
                    ms.Write(buf, 0, r.Count);
                } while (!r.EndOfMessage);
                var ev = JsonNode.Parse(Encoding.UTF8.GetString(ms.ToArray()))!.AsObject();
                lock (_sink) _sink.Add(ev);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_ws.State == WebSocketState.Open)
                await _ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException) { }
        if (_loop is not null) await _loop.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _ws.Dispose();
    }
}

/// <summary>
/// Replays a recorded transcript against the simulator: the rest lines in order (recorded ids replaced by the
/// simulator's), phone-side actions where the recording shows them (carrier call, BYE, DTMF), and compares REST
/// statuses/bodies and the event stream per channel. Ignored: ids, timestamps, protocol_id, channel name numbering,
/// `connected` in events, and the event types the simulator does not model (ChannelVarset, ChannelDialplan,
/// ChannelConnectedLine, ChannelCallerId). Binary bodies: only status, Content-Type and a valid WAV.
/// </summary>
internal sealed class Replay : IAsyncDisposable
{
    public static readonly HashSet<string> IgnoredEvents = ["ChannelVarset", "ChannelDialplan", "ChannelConnectedLine", "ChannelCallerId"];
    public const double Scale = 0.05;

    public AsteriskSimulator Sim { get; private set; } = null!;
    public readonly Dictionary<string, string> Ids = new(StringComparer.Ordinal);
    public readonly Dictionary<string, SimulatedCall> Calls = new(StringComparer.Ordinal);
    public readonly List<JsonObject> Expected = [];
    public readonly List<JsonObject> Actual = [];
    public readonly List<string> Failures = [];
    public Func<JsonObject, Replay, Task>? OnNote;
    private readonly HttpClient _http = new();
    private EventClient? _ws;

    public static async Task<Replay> StartAsync(Action<AsteriskSimulator>? script = null, string version = "22.10.1")
    {
        var r = new Replay();
        r.Sim = await AsteriskSimulator.StartAsync(new SimulatorOptions
        {
            Username = "lab", Password = "lab", AsteriskVersion = version, TimeScale = Scale,
        });
        script?.Invoke(r.Sim);
        r._http.BaseAddress = new Uri(r.Sim.BaseUrl + "/ari/");
        r._ws = await EventClient.ConnectAsync(r.Sim, "lab", r.Actual);
        await r.Sim.WaitForAsync(() => r.Sim.IsAppConnected("lab"));
        return r;
    }

    public async Task ConnectAgainAsync()
    {
        if (_ws is not null) await _ws.DisposeAsync();
        _ws = await EventClient.ConnectAsync(Sim, "lab", Actual);
        await Sim.WaitForAsync(() => Sim.IsAppConnected("lab"));
    }

    public int ActualCount { get { lock (Actual) return Actual.Count(e => !IgnoredEvents.Contains((string)e["type"]!)); } }

    public async Task RunAsync(List<JsonObject> lines)
    {
        long prevT = 0;
        foreach (var line in lines)
        {
            long t = (long)line["t_ms"]!;
            var gap = TimeSpan.FromMilliseconds(Math.Min(200, (t - prevT) * Scale));
            prevT = t;
            switch ((string)line["dir"]!)
            {
                case "note":
                    if (OnNote is not null) await OnNote(line, this);
                    break;
                case "ws":
                    var ev = line["event"]!.AsObject();
                    if (IgnoredEvents.Contains((string)ev["type"]!)) break;
                    await PhoneSideAsync(ev);
                    Expected.Add(ev);
                    var deadline = DateTime.UtcNow.AddSeconds(5);
                    while (ActualCount < Expected.Count(e => true) && DateTime.UtcNow < deadline) await Task.Delay(2);
                    if (ActualCount < Expected.Count) Failures.Add($"t={t}: expected event {ev["type"]} never came");
                    LearnFromEvent(ev);
                    break;
                case "rest":
                    if (gap > TimeSpan.Zero) await Task.Delay(gap);
                    await RestAsync(line);
                    break;
            }
        }
        await AllDeliveredEventsReceivedAsync();
        CompareEvents();
    }

    /// <summary>
    /// Until every event the simulator sent to a connected socket has reached our client, so the comparison sees
    /// all of them. Events lost with a dropped socket never arrive: then the comparison names what is missing.
    /// </summary>
    private async Task AllDeliveredEventsReceivedAsync()
    {
        try
        {
            await Sim.WaitForAsync(() => { lock (Actual) return Actual.Count >= Sim.Events.Count(e => e.Delivered); }, TimeSpan.FromSeconds(2));
        }
        catch (TimeoutException)
        {
        }
    }

    // ------------------------------------------------------------ phone side

    private async Task PhoneSideAsync(JsonObject ev)
    {
        var type = (string)ev["type"]!;
        var ch = ev["channel"] as JsonObject;
        var id = (string?)ch?["id"];
        var name = (string?)ch?["name"] ?? "";
        if (type == "StasisStart" && name.StartsWith("PJSIP/carrier", StringComparison.Ordinal) && id is not null && !Ids.ContainsKey(id))
        {
            var dp = ch!["dialplan"]!;
            var call = await Sim.PlaceInboundCallAsync(new InboundCall
            {
                App = "lab",
                Args = ev["args"]!.AsArray().Select(a => (string)a!).ToList(),
                Exten = (string)dp["exten"]!,
                Context = (string)dp["context"]!,
                Priority = (int)dp["priority"]!,
                CallerNumber = (string)ch["caller"]!["number"]!,
                CallerName = (string)ch["caller"]!["name"]!,
                Endpoint = "carrier",
            });
            Ids[id] = call.ChannelId ?? throw new InvalidOperationException("inbound call failed: " + call.SipResponse);
            Calls[id] = call;
        }
        else if (type == "ChannelHangupRequest" && ev["cause"] is null && id is not null && Calls.TryGetValue(id, out var c1))
            await c1.HangUpAsync();
        else if (type == "ChannelDtmfReceived" && id is not null && Calls.TryGetValue(id, out var c2))
            await c2.SendDtmfAsync(((string)ev["digit"]!)[0], (int)ev["duration_ms"]!);
    }

    /// <summary>The recording shows the carrier channel gone (404) without events: the caller hung up while not watched.</summary>
    private async Task HangUpUnwatchedAsync(string path, int status)
    {
        if (status != 404) return;
        foreach (var (rec, call) in Calls)
            if (path == "/channels/" + rec && !call.IsEnded) await call.HangUpAsync();
    }

    // ------------------------------------------------------------ REST

    private string Sub(string s)
    {
        foreach (var (rec, act) in Ids.OrderByDescending(k => k.Key.Length)) s = s.Replace(rec, act, StringComparison.Ordinal);
        return s;
    }

    private async Task RestAsync(JsonObject line)
    {
        var method = (string)line["method"]!;
        var recPath = (string)line["path"]!;
        int status = (int)line["status"]!;
        await HangUpUnwatchedAsync(recPath, status);
        var query = line["query"]!.AsObject();
        var qs = string.Join("&", query.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(Sub(kv.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : kv.Value!.ToJsonString()))));
        var path = Sub(recPath);
        var uri = path.TrimStart('/') + (qs.Length > 0 ? "?" + qs : "");
        using var req = new HttpRequestMessage(new HttpMethod(method), uri);
        if (status != 401 && !query.ContainsKey("api_key"))
            req.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("lab:lab")));
        else if (status == 401 && Failures.Count % 2 == 0)
            req.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("lab:wrong")));
        using var resp = await _http.SendAsync(req);
        var what = $"{method} {recPath}";
        if ((int)resp.StatusCode != status) Failures.Add($"{what}: status {(int)resp.StatusCode}, recorded {status}");
        var bytes = await resp.Content.ReadAsByteArrayAsync();
        if (line["response_bytes"] is not null && status == 200)
        {
            if (resp.Content.Headers.ContentType?.MediaType != (string)line["content_type"]!) Failures.Add($"{what}: content type {resp.Content.Headers.ContentType}");
            if (bytes.Length < 44 || Encoding.ASCII.GetString(bytes, 0, 4) != "RIFF") Failures.Add($"{what}: not a WAV");
            return;
        }
        var recorded = line["response"];
        if (recorded is null && line["response_bytes"] is not null)
        {
            if (bytes.Length != (int)line["response_bytes"]!) Failures.Add($"{what}: body length {bytes.Length}, recorded {line["response_bytes"]}");
            return;
        }
        if (recorded is null)
        {
            if (bytes.Length != 0) Failures.Add($"{what}: unexpected body {Encoding.UTF8.GetString(bytes)}");
            return;
        }
        JsonNode? actual;
        try { actual = JsonNode.Parse(bytes); }
        catch (System.Text.Json.JsonException) { Failures.Add($"{what}: body not JSON: {Encoding.UTF8.GetString(bytes)}"); return; }
        Learn(recorded, actual);
        var e = Normalize(JsonNode.Parse(Sub(recorded.ToJsonString())));
        var a = Normalize(actual);
        if (!JsonNode.DeepEquals(e, a)) Failures.Add($"{what}: body\n  got      {a?.ToJsonString()}\n  recorded {e?.ToJsonString()}");
    }

    private static readonly Regex IdLike = new(@"^(\d{9,}\.\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$");

    /// <summary>Walks the recorded and actual JSON in parallel and maps recorded ids to the simulator's.</summary>
    private void Learn(JsonNode? rec, JsonNode? act)
    {
        switch (rec, act)
        {
            case (JsonObject ro, JsonObject ao):
                foreach (var (k, v) in ro) if (k != "protocol_id" && ao.TryGetPropertyValue(k, out var av)) Learn(v, av);
                break;
            case (JsonArray ra, JsonArray aa):
                for (int i = 0; i < Math.Min(ra.Count, aa.Count); i++) Learn(ra[i], aa[i]);
                break;
            case (JsonValue rv, JsonValue avv) when rv.TryGetValue<string>(out var rs) && avv.TryGetValue<string>(out var ast):
                if (IdLike.IsMatch(rs) && !Ids.ContainsKey(rs) && rs != ast) Ids[rs] = ast;
                break;
        }
    }

    private void LearnFromEvent(JsonObject ev)
    {
        var type = (string)ev["type"]!;
        var key = Key(ev);
        if (key is null || Ids.ContainsKey(key) || !IdLike.IsMatch(key)) return;
        var mapped = new HashSet<string>(Ids.Values);
        lock (Actual)
        {
            var cand = Actual.FirstOrDefault(a => (string)a["type"]! == type && Key(a) is { } k && !mapped.Contains(k) && !Ids.ContainsKey(k));
            if (cand is not null) Ids[key] = Key(cand)!;
        }
    }

    private static readonly HashSet<string> DropKeys = ["timestamp", "creationtime", "protocol_id", "startup_time", "last_reload_time"];
    private static readonly Regex ChanName = new(@"-[0-9a-f]{8}$");

    private static JsonNode? Normalize(JsonNode? n)
    {
        switch (n)
        {
            case JsonObject o:
                var r = new JsonObject();
                foreach (var (k, v) in o)
                {
                    if (DropKeys.Contains(k)) continue;
                    if (k == "name" && v is JsonValue nv && nv.TryGetValue<string>(out var s)) { r[k] = ChanName.Replace(s, "-N"); continue; }
                    r[k] = Normalize(v);
                }
                return r;
            case JsonArray a:
                return new JsonArray(a.Select(Normalize).ToArray());
            default:
                return n?.DeepClone();
        }
    }

    // ------------------------------------------------------------ events

    private static string? Key(JsonObject ev) =>
        (string?)ev["channel"]?["id"] ?? (string?)ev["peer"]?["id"] ?? (string?)ev["playback"]?["id"]
        ?? ((string?)ev["recording"]?["target_uri"])?.Replace("channel:", "", StringComparison.Ordinal) ?? (string?)ev["bridge"]?["id"];

    /// <summary>The facts compared per event (ids, timestamps and `connected` left out).</summary>
    private string Describe(JsonObject ev)
    {
        var sb = new StringBuilder((string)ev["type"]!);
        foreach (var f in new[] { "cause", "cause_txt", "tech_cause", "soft", "dialstatus", "dialstring", "digit", "args" })
            if (ev[f] is { } v) sb.Append($" {f}={v.ToJsonString()}");
        void Chan(string label, JsonNode? c)
        {
            if (c is null) return;
            var dp = c["dialplan"]!;
            sb.Append($" {label}=[{c["state"]} {c["caller"]?["name"]}/{c["caller"]?["number"]} {dp["context"]},{dp["exten"]},{dp["priority"]} {dp["app_name"]}({dp["app_data"]})]");
        }
        Chan("channel", ev["channel"]);
        Chan("peer", ev["peer"]);
        Chan("caller", ev["caller"]);
        if (ev["playback"] is { } pb) sb.Append($" playback=[{pb["media_uri"]} {pb["state"]} {pb["target_uri"]}]");
        if (ev["recording"] is { } rc) sb.Append($" recording=[{rc["name"]} {rc["format"]} {rc["state"]} {rc["duration"]}]");
        if (ev["bridge"] is { } br) sb.Append($" bridge=[{br["bridge_type"]} {br["technology"]} {br["name"]} n={br["channels"]!.AsArray().Count}]");
        return Sub(sb.ToString());
    }

    private void CompareEvents()
    {
        List<JsonObject> actual;
        lock (Actual) actual = Actual.Where(e => !IgnoredEvents.Contains((string)e["type"]!)).ToList();
        var expByKey = Expected.GroupBy(e => Sub(Key(e) ?? "")).ToDictionary(g => g.Key, g => g.Select(Describe).ToList());
        var actByKey = actual.GroupBy(e => Key(e) ?? "").ToDictionary(g => g.Key, g => g.Select(Describe).ToList());
        foreach (var key in expByKey.Keys.Union(actByKey.Keys))
        {
            var e = expByKey.GetValueOrDefault(key) ?? [];
            var a = actByKey.GetValueOrDefault(key) ?? [];
            if (!e.SequenceEqual(a))
                Failures.Add($"events for {key}:\n  got:\n    {string.Join("\n    ", a)}\n  recorded:\n    {string.Join("\n    ", e)}");
        }
    }

    public void AssertConforms()
    {
        if (Failures.Count > 0) Assert.Fail(string.Join("\n", Failures));
    }

    public async ValueTask DisposeAsync()
    {
        if (_ws is not null) await _ws.DisposeAsync();
        await Sim.DisposeAsync();
        _http.Dispose();
    }
}
