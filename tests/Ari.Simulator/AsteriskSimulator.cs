using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Ari.Simulator;

/// <summary>
/// A loopback ARI server (HTTP + events websocket) that behaves like the Asterisk 22.10.1
/// recorded in tests/ari-transcripts. State lives behind one lock; timers are Task.Delay on
/// the configured TimeProvider, cancelled on dispose.
/// </summary>
public sealed partial class AsteriskSimulator : IAsyncDisposable
{
    internal readonly object _gate = new();
    private readonly SimulatorOptions _opt;
    private readonly CancellationTokenSource _life = new();
    private WebApplication? _app;
    private int _port;
    private long _seq = 32;
    private readonly long _epochBase;
    private bool _disposed;

    private readonly Dictionary<string, Endpoint> _endpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Chan> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Bridge> _bridges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Playback> _playbacks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LiveRecording> _liveRecordings = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, StoredRecording> _stored = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AppState> _apps = new(StringComparer.Ordinal);
    private readonly List<Queue> _queues = [];
    private readonly Dictionary<string, PhoneScript> _leads = new(StringComparer.Ordinal);
    private readonly List<TrunkCall> _trunkCalls = [];
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<EmittedEvent> _events = [];
    private readonly Dictionary<string, List<string>> _played = new(StringComparer.Ordinal);
    private readonly HashSet<WsConn> _conns = [];
    private readonly DateTimeOffset _startup;

    // Set (under the lock) while an inbound call's StasisStart is emitted, so the socket writer can time it.
    private ProbeMark? _probeChannel;

    private AsteriskSimulator(SimulatorOptions opt)
    {
        _opt = opt;
        _startup = opt.TimeProvider.GetUtcNow();
        _epochBase = _startup.ToUnixTimeSeconds();
        _port = opt.Port;
        AddEndpoint("PJSIP/carrier", PhoneScript.AnswerAfter(TimeSpan.Zero));
    }

    /// <summary>Starts Kestrel on 127.0.0.1 (port 0 = dynamic unless <see cref="SimulatorOptions.Port"/>).</summary>
    public static async Task<AsteriskSimulator> StartAsync(SimulatorOptions? options = null, CancellationToken ct = default)
    {
        var sim = new AsteriskSimulator(options ?? new SimulatorOptions());
        await sim.StartServerAsync(ct).ConfigureAwait(false);
        return sim;
    }

    public SimulatorOptions Options => _opt;
    public int Port => _port;
    /// <summary>http://127.0.0.1:PORT (ARI lives under /ari).</summary>
    public string BaseUrl => $"http://127.0.0.1:{_port}";
    public Uri BaseUri => new(BaseUrl + "/");
    public string WebSocketUrl(string app, bool subscribeAll = false) =>
        $"ws://127.0.0.1:{_port}/ari/events?app={Uri.EscapeDataString(app)}&api_key={Uri.EscapeDataString(_opt.Username + ":" + _opt.Password)}&subscribeAll={(subscribeAll ? "true" : "false")}";
    public bool IsRunning => _app is not null;

    /// <summary>Talk length of the caller for recordings (null: the caller talks until the recording is ended otherwise).</summary>
    public TimeSpan? RecordingLength { get; set; }
    /// <summary>POST /record answers 500 like an Asterisk without its spool recording dir (transcript f0).</summary>
    public bool FailRecordings { get; set; }
    /// <summary>Sound ids that do not exist (their playback fails; GET /sounds/{id} is 404).</summary>
    public HashSet<string> MissingSounds { get; } = new(StringComparer.Ordinal);
    /// <summary>Per-sound lengths overriding <see cref="SimulatorOptions.SoundDuration"/>, by sound id ("beep").</summary>
    public Dictionary<string, TimeSpan> SoundDurations { get; } = new(StringComparer.Ordinal);

    private async Task StartServerAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, _port));
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        var addr = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _port = new Uri(addr).Port;
        _app = app;
    }

    // ---------------------------------------------------------------- scripting API

    /// <summary>Adds (or re-scripts) an endpoint, e.g. "PJSIP/1001".</summary>
    public void AddEndpoint(string endpoint, PhoneScript script)
    {
        var (tech, res) = SplitEndpoint(endpoint);
        lock (_gate)
        {
            if (_endpoints.TryGetValue(tech + "/" + res, out var e)) e.Script = script;
            else _endpoints[tech + "/" + res] = new Endpoint(tech, res, script);
        }
    }

    /// <summary>
    /// Scripts the lead behind <paramref name="number"/> (as dialled, e.g. "+358401234567") for calls out through any
    /// trunk: answer after N ms, busy, ring without answer, unreachable, with or without early media. Unscripted
    /// numbers behave as the trunk endpoint's own script.
    /// </summary>
    public void AddLead(string number, PhoneScript script)
    {
        lock (_gate) _leads[number] = script;
    }

    /// <summary>Calls out through trunks, oldest first, as the carrier saw them.</summary>
    public IReadOnlyList<TrunkCall> TrunkCalls { get { lock (_gate) return _trunkCalls.ToList(); } }

    /// <summary>
    /// Makes POST /channels/{id}/continue into (context, exten) run <c>Stasis(app,args)</c> again, as a dialplan edited
    /// by hand that loops back into <c>from-carrier</c> would: the channel re-enters the application (StasisStart).
    /// </summary>
    public void AddStasisLoop(string context, string exten, string app, params string[] args)
    {
        lock (_gate) _stasisLoops.Add((context, exten, app, args));
    }

    private readonly List<(string Context, string Exten, string App, string[] Args)> _stasisLoops = [];

    /// <summary>Makes POST /channels/{id}/continue into (context, exten) run Queue(queueName), dialling members in order.</summary>
    public void AddQueue(string context, string exten, string queueName, params string[] memberEndpoints)
    {
        lock (_gate) _queues.Add(new Queue(context, exten, queueName, memberEndpoints));
    }

    /// <summary>Puts a stored recording in place (as if recorded earlier), e.g. a greeting.</summary>
    public void AddStoredRecording(string name, TimeSpan length)
    {
        lock (_gate) _stored[name] = new StoredRecording(name, "wav", Wav.Create(length));
    }

    public byte[]? StoredRecordingBytes(string name)
    {
        lock (_gate) return _stored.TryGetValue(name, out var r) ? r.Bytes : null;
    }

    public IReadOnlyList<string> StoredRecordingNames { get { lock (_gate) return _stored.Keys.ToList(); } }

    public IReadOnlyList<RecordedRequest> Requests { get { lock (_gate) return _requests.ToList(); } }
    public IReadOnlyList<EmittedEvent> Events { get { lock (_gate) return _events.ToList(); } }

    public IReadOnlyList<ChannelInfo> LiveChannels
    {
        get
        {
            lock (_gate)
                return _channels.Values.Select(c => new ChannelInfo(c.Id, c.Name, c.State, c.StasisApp, c.BridgeId, c.Originated)).ToList();
        }
    }

    public IReadOnlyList<BridgeInfo> LiveBridges
    {
        get { lock (_gate) return _bridges.Values.Select(b => new BridgeInfo(b.Id, b.Name, b.Type, b.Channels.ToList())).ToList(); }
    }

    public IReadOnlyList<string> LivePlaybacks { get { lock (_gate) return _playbacks.Keys.ToList(); } }
    public IReadOnlyList<string> LiveRecordings { get { lock (_gate) return _liveRecordings.Keys.ToList(); } }

    /// <summary>Media played to a channel, in order (its own playbacks, bridge playbacks while it was in the bridge, "moh:CLASS").</summary>
    public IReadOnlyList<string> PlayedMedia(string channelId)
    {
        lock (_gate) return _played.TryGetValue(channelId, out var l) ? l.ToList() : [];
    }

    public bool IsAppConnected(string app)
    {
        lock (_gate) return _apps.TryGetValue(app, out var a) && a.Conn is not null;
    }

    /// <summary>Polls <paramref name="condition"/> until true; throws TimeoutException.</summary>
    public async Task WaitForAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        await Poll.UntilAsync(condition, timeout ?? TimeSpan.FromSeconds(5), "simulator condition").ConfigureAwait(false);
    }

    /// <summary>Waits for an emitted event of <paramref name="type"/> (optionally matching), counting events already emitted.</summary>
    public async Task<JsonObject> WaitForEventAsync(string type, Func<JsonObject, bool>? match = null, TimeSpan? timeout = null)
    {
        JsonObject? found = null;
        await WaitForAsync(() =>
        {
            lock (_gate) found = _events.FirstOrDefault(e => e.Type == type && (match is null || match(e.Json)))?.Json;
            return found is not null;
        }, timeout).ConfigureAwait(false);
        return found!;
    }

    /// <summary>Asterisk drops every events websocket (no close frame): apps are deactivated at once.</summary>
    public async Task DisconnectWebSocketsAsync()
    {
        List<WsConn> conns;
        lock (_gate)
        {
            conns = _conns.ToList();
            _conns.Clear();
            foreach (var a in _apps.Values) a.Conn = null;
        }
        foreach (var c in conns) await c.AbortAsync().ConfigureAwait(false);
    }

    /// <summary>ARI goes away: websockets drop and HTTP is refused. State (channels, bridges) is kept.</summary>
    public async Task StopAsync()
    {
        await DisconnectWebSocketsAsync().ConfigureAwait(false);
        var app = _app;
        _app = null;
        if (app is not null)
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>ARI comes back on the same port. Nothing is replayed; no event is sent.</summary>
    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        if (_app is null) await StartServerAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Stop then start on the same port. With <paramref name="dropCalls"/> all channels/bridges vanish silently (a real Asterisk restart).</summary>
    public async Task RestartAsync(bool dropCalls = false)
    {
        await StopAsync().ConfigureAwait(false);
        if (dropCalls)
        {
            lock (_gate)
            {
                foreach (var c in _channels.Values) { c.Destroyed = true; c.Cts.Cancel(); c.Call?.End(c.Call.Answered ? CallOutcome.HungUpByAsterisk : CallOutcome.Rejected, c.Call.Answered ? null : 503, null); }
                _channels.Clear(); _bridges.Clear(); _playbacks.Clear(); _liveRecordings.Clear();
            }
        }
        await StartAgainAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _life.Cancel();
        try { await StopAsync().ConfigureAwait(false); } catch (ObjectDisposedException) { }
        _life.Dispose();
    }

    // ---------------------------------------------------------------- helpers

    internal static string Ts(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0000";

    private DateTimeOffset Now => _opt.TimeProvider.GetUtcNow();

    private static (string Tech, string Resource) SplitEndpoint(string endpoint)
    {
        int i = endpoint.IndexOf('/');
        return i < 0 ? ("PJSIP", endpoint) : (endpoint[..i], endpoint[(i + 1)..]);
    }

    private TimeSpan Scaled(TimeSpan t) => TimeSpan.FromTicks((long)(t.Ticks * _opt.TimeScale));

    /// <summary>Runs <paramref name="action"/> under the lock after a simulated delay, unless the token was cancelled.</summary>
    private void Schedule(TimeSpan simDelay, CancellationToken ct, Action action)
    {
        var delay = Scaled(simDelay);
        _ = Task.Run(async () =>
        {
            try { await Task.Delay(delay, _opt.TimeProvider, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            lock (_gate)
            {
                if (ct.IsCancellationRequested || _disposed) return;
                action();
            }
        });
    }

    private string NextChannelId(out long seq)
    {
        seq = ++_seq;
        var id = $"{Now.ToUnixTimeSeconds()}.{seq}";
        return _opt.SystemName is null ? id : $"{_opt.SystemName}-{id}";
    }

    private void AddPlayed(string channelId, string media)
    {
        if (!_opt.KeepHistory) return;
        if (!_played.TryGetValue(channelId, out var l)) _played[channelId] = l = [];
        l.Add(media);
    }

    // ---------------------------------------------------------------- events

    /// <summary>Emits an event to the given apps (ordered key set: prefix fields, type, timestamp, fields, asterisk_id, application).</summary>
    private void Emit(string type, IEnumerable<string> apps, JsonObject? prefix, params (string Key, JsonNode? Value)[] fields)
    {
        var ts = Ts(Now);
        foreach (var app in apps.Distinct().ToList())
        {
            var ev = new JsonObject();
            if (prefix is not null) foreach (var kv in prefix) ev[kv.Key] = kv.Value?.DeepClone();
            ev["type"] = type;
            ev["timestamp"] = ts;
            foreach (var (k, v) in fields) ev[k] = v?.DeepClone();
            ev["asterisk_id"] = "02:fc:00:00:00:01";
            ev["application"] = app;
            bool delivered = false;
            // An event the application's filter refuses is produced but never written to its websocket.
            _apps.TryGetValue(app, out var st);
            if (st?.Wants(type) != false && st?.Conn is { } conn)
            {
                delivered = conn.Enqueue(ev.ToJsonString(Wire), _probeChannel);
            }
            if (_opt.KeepHistory) _events.Add(new EmittedEvent(Now, app, type, ev, delivered));
            _opt.Traffic?.Event(type, delivered);
        }
    }

    private IEnumerable<string> AppsOf(Chan c) =>
        c.StasisApp is null ? c.Subscribers : c.Subscribers.Append(c.StasisApp);

    private IEnumerable<string> AppsOf(Bridge b) => b.Subscribers;

    private async Task FlushEventsAsync()
    {
        List<WsConn> conns;
        lock (_gate) conns = _conns.ToList();
        foreach (var c in conns) await c.FlushAsync().ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- websocket

    private async Task HandleWebSocketAsync(HttpContext ctx, Dictionary<string, string> q)
    {
        if (!ctx.WebSockets.IsWebSocketRequest)
        {
            await WriteJsonAsync(ctx, 400, new JsonObject { ["message"] = "Invalid upgrade" }).ConfigureAwait(false);
            return;
        }
        if (!q.TryGetValue("app", out var appList) || string.IsNullOrWhiteSpace(appList))
        {
            await WriteJsonAsync(ctx, 400, new JsonObject { ["message"] = "Missing params app" }).ConfigureAwait(false);
            return;
        }
        var names = appList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        bool subscribeAll = q.TryGetValue("subscribeAll", out var sa) && sa.Equals("true", StringComparison.OrdinalIgnoreCase);
        using var ws = await ctx.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var conn = new WsConn(ws, _life.Token, _opt.LatencyProbe);
        lock (_gate)
        {
            _conns.Add(conn);
            foreach (var n in names)
            {
                if (!_apps.TryGetValue(n, out var st)) _apps[n] = st = new AppState(n);
                st.Conn = conn;
                st.SubscribeAll = subscribeAll;
            }
        }
        try { await conn.RunAsync().ConfigureAwait(false); }
        finally
        {
            lock (_gate)
            {
                _conns.Remove(conn);
                foreach (var a in _apps.Values) if (a.Conn == conn) a.Conn = null;
            }
        }
    }

    // ---------------------------------------------------------------- HTTP plumbing

    private sealed record Reply(int Status, JsonNode? Json = null, byte[]? Bytes = null, string? ContentType = null, Action? After = null)
    {
        public static Reply NoContent(Action? after = null) => new(204, After: after);
        public static Reply Msg(int status, string message) => new(status, new JsonObject { ["message"] = message });
        public static Reply Ok(JsonNode json, Action? after = null) => new(200, json, After: after);
    }

    /// <summary>Asterisk does not escape '+' or non-ASCII as \uXXXX.</summary>
    private static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Reply ResourceNotFound = Reply.Msg(404, "Resource not found");
    private static readonly Reply InvalidMethod = Reply.Msg(405, "Invalid method");

    private async Task HandleAsync(HttpContext ctx)
    {
        _opt.LatencyProbe?.Received(ctx.Request.Path.Value ?? "", ctx.Request.Query["appArgs"].FirstOrDefault());
        _opt.Traffic?.Request(ctx.Request.Method, ctx.Request.Path.Value ?? "");
        ctx.Response.Headers["Server"] = "Asterisk/" + _opt.AsteriskVersion;
        var req = ctx.Request;
        var q = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kv in req.Query) q[kv.Key] = kv.Value.ToString();
        string? body = null;
        JsonObject? jsonBody = null;
        if (req.ContentLength is > 0 || req.Headers.ContainsKey("Transfer-Encoding"))
        {
            using var reader = new StreamReader(req.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync().ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(body))
            {
                try { jsonBody = JsonNode.Parse(body) as JsonObject; }
                catch (JsonException) { }
            }
        }
        var p = new Params(q, jsonBody);
        var path = req.Path.Value ?? "/";
        Reply reply;
        if (!Authorized(req, q))
        {
            ctx.Response.Headers["WWW-Authenticate"] = "Basic realm=\"Asterisk REST Interface\"";
            reply = Reply.Msg(401, "Authentication required");
        }
        else if (!path.StartsWith("/ari/", StringComparison.Ordinal) && path != "/ari")
        {
            reply = new Reply(404, Bytes: "Not Found"u8.ToArray(), ContentType: "text/plain");
        }
        else
        {
            var segs = path[4..].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
            if (segs is ["events"] && HttpMethods.IsGet(req.Method))
            {
                if (_opt.KeepHistory) lock (_gate) _requests.Add(new RecordedRequest(Now, req.Method, path, q, body, 101));
                await HandleWebSocketAsync(ctx, q).ConfigureAwait(false);
                return;
            }
            lock (_gate)
            {
                HangUpIfRacing(segs);
                try { reply = _disposed ? Reply.Msg(503, "Shutting down") : Route(req.Method.ToUpperInvariant(), segs, p); }
                catch (BadParam bp) { reply = Reply.Msg(400, bp.Message); }
            }
        }
        if (_opt.KeepHistory) lock (_gate) _requests.Add(new RecordedRequest(Now, req.Method, path, q, body, reply.Status));
        // Events caused by this request go out on the websocket before the HTTP response.
        await FlushEventsAsync().ConfigureAwait(false);
        if (reply.After is { } after)
            ctx.Response.OnCompleted(() => { lock (_gate) { if (!_disposed) after(); } return Task.CompletedTask; });
        ctx.Response.StatusCode = reply.Status;
        if (reply.Json is not null) await WriteJsonBodyAsync(ctx, reply.Json).ConfigureAwait(false);
        else if (reply.Bytes is not null)
        {
            ctx.Response.ContentType = reply.ContentType ?? "application/octet-stream";
            if (reply.ContentType == "audio/wav") ctx.Response.Headers.CacheControl = "no-cache, no-store";
            ctx.Response.ContentLength = reply.Bytes.Length;
            await ctx.Response.Body.WriteAsync(reply.Bytes).ConfigureAwait(false);
        }
    }

    /// <summary>See <see cref="SimulatedCall.HangUpWhenRequested"/>.</summary>
    private void HangUpIfRacing(string[] segs)
    {
        if (segs is ["channels", var id, var op] && _channels.TryGetValue(id, out var ch) && ch.Call is { HangUpOn: { } on } call && on == op)
        {
            call.Outcome = CallOutcome.HungUpByCaller;
            RemoteHangup(ch);
        }
    }

    private static Task WriteJsonAsync(HttpContext ctx, int status, JsonNode json)
    {
        ctx.Response.StatusCode = status;
        return WriteJsonBodyAsync(ctx, json);
    }

    private static async Task WriteJsonBodyAsync(HttpContext ctx, JsonNode json)
    {
        var bytes = Encoding.UTF8.GetBytes(json.ToJsonString(Wire));
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }

    private bool Authorized(HttpRequest req, Dictionary<string, string> q)
    {
        var expected = _opt.Username + ":" + _opt.Password;
        if (q.TryGetValue("api_key", out var key)) return key == expected;
        var auth = req.Headers.Authorization.ToString();
        if (auth.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try { return Encoding.UTF8.GetString(Convert.FromBase64String(auth[6..].Trim())) == expected; }
            catch (FormatException) { return false; }
        }
        return false;
    }

    private sealed class BadParam(string message) : Exception(message);

    /// <summary>Parameters from the query string or a JSON body (ARI accepts both).</summary>
    private sealed class Params(Dictionary<string, string> query, JsonObject? body)
    {
        public JsonObject? Body => body;
        public string? Get(string name)
        {
            if (query.TryGetValue(name, out var v)) return v;
            if (body is not null && body.TryGetPropertyValue(name, out var n) && n is not null)
                return n is JsonValue jv ? (jv.TryGetValue<string>(out var s) ? s : jv.ToJsonString()) : n.ToJsonString();
            return null;
        }
        public int? Int(string name)
        {
            var s = Get(name);
            return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
        }
        public bool Bool(string name, bool dflt) => Get(name) is { } s ? s.Equals("true", StringComparison.OrdinalIgnoreCase) || s == "1" || s.Equals("yes", StringComparison.OrdinalIgnoreCase) : dflt;
        public JsonNode? Node(string name) => body is not null && body.TryGetPropertyValue(name, out var n) ? n : null;
    }
}

/// <summary>One events websocket: an ordered outgoing queue and a writer loop.</summary>
internal sealed class WsConn(WebSocket ws, CancellationToken life, DecisionLatencyProbe? probe = null)
{
    private readonly System.Threading.Channels.Channel<(string? Json, TaskCompletionSource? Flush, ProbeMark? ProbeChannel)> _out =
        System.Threading.Channels.Channel.CreateUnbounded<(string?, TaskCompletionSource?, ProbeMark?)>();
    private readonly CancellationTokenSource _cts = CancellationTokenSource.CreateLinkedTokenSource(life);

    public bool Enqueue(string json, ProbeMark? probeChannel = null) => _out.Writer.TryWrite((json, null, probe is null ? null : probeChannel));

    public async Task FlushAsync()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_out.Writer.TryWrite((null, tcs, null))) return;
        await Task.WhenAny(tcs.Task, Task.Delay(2000)).ConfigureAwait(false);
    }

    public async Task RunAsync()
    {
        var reader = Task.Run(async () =>
        {
            var buf = new byte[4096];
            try
            {
                while (ws.State == WebSocketState.Open)
                {
                    var r = await ws.ReceiveAsync(buf, _cts.Token).ConfigureAwait(false);
                    if (r.MessageType == WebSocketMessageType.Close) break;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException) { }
            _cts.Cancel();
        });
        try
        {
            await foreach (var (json, flush, probeChannel) in _out.Reader.ReadAllAsync(_cts.Token).ConfigureAwait(false))
            {
                if (probeChannel is { } mark) probe!.Sending(mark);
                if (json is not null)
                    await ws.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, _cts.Token).ConfigureAwait(false);
                flush?.TrySetResult();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException) { }
        finally
        {
            _out.Writer.TryComplete();
            while (_out.Reader.TryRead(out var item)) item.Flush?.TrySetResult();
            _cts.Cancel();
            if (ws.State == WebSocketState.Open || ws.State == WebSocketState.CloseReceived)
            {
                try { await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false); }
                catch (Exception) { }
            }
            await reader.ConfigureAwait(false);
        }
    }

    /// <summary>Drop without a close frame.</summary>
    public Task AbortAsync()
    {
        _out.Writer.TryComplete();
        _cts.Cancel();
        ws.Abort();
        return Task.CompletedTask;
    }
}
