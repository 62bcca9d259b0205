using System.Net;
using System.Text.Json;
using LeadDesk.Ari.Client.Json;
using LeadDesk.Ari.Client.Models;
using LeadDesk.Ari.Client.Rest;
using LeadDesk.Ari.Client.Tests.Support;

namespace LeadDesk.Ari.Client.Tests.Rest;

/// <summary>
/// Every REST exchange in the transcripts that this client can make is rebuilt through the client: the request it
/// builds must match the recorded one (method, path, query), and the recorded response must map to the typed result
/// or the typed <see cref="AriException"/>.
/// </summary>
public sealed class RestReplayTests
{
    // Recorded requests the client would never send, each with why. Anything else that cannot be rebuilt fails the test.
    private static readonly Dictionary<string, string> Unbuildable = new(StringComparer.Ordinal)
    {
        ["h_endpoints_and_rest_errors.jsonl:GET /sounds/beep"] = "the sounds resource is not part of this client",
        ["h_endpoints_and_rest_errors.jsonl:GET /sounds/nosuchsound"] = "the sounds resource is not part of this client",
        ["h_endpoints_and_rest_errors.jsonl:GET /nosuch-resource"] = "a deliberately bogus path",
        ["h_endpoints_and_rest_errors.jsonl:POST /channels {\"app\":\"lab\"}"] = "OriginateRequest.Endpoint is required, so 'no endpoint' cannot be sent",
        ["h_endpoints_and_rest_errors.jsonl:POST /channels {\"endpoint\":\"PJSIP/agent1001\",\"app\":\"lab\",\"timeout\":\"abc\"}"] = "Timeout is an int; timeout=abc cannot be sent",
        ["h_endpoints_and_rest_errors.jsonl:POST /channels {\"endpoint\":\"PJSIP/agent1001\",\"app\":\"lab\",\"variables\":\"not-an-object\"}"] = "variables are sent as a JSON object body, never a query string",
        ["h_endpoints_and_rest_errors.jsonl:POST /bridges/473fd7b9-da1d-40bb-98d2-b9cdaab13ca7/addChannel"] = "AddChannelAsync always sends at least one channel",
        ["h_endpoints_and_rest_errors.jsonl:GET /asterisk/info {\"api_key\":\"lab:lab\"}"] = "the client authenticates with Basic auth, not api_key in the query",
    };

    public static TheoryData<string> Files() => new(Transcripts.FileNames());

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_recorded_exchange_is_rebuilt_by_the_client(string file)
    {
        var exchanges = Transcripts.Load(file).Where(l => l.Dir == "rest").ToList();
        var rebuilt = 0;

        foreach (var line in exchanges)
        {
            var x = line.Json;
            var method = x.GetProperty("method").GetString()!;
            var path = x.GetProperty("path").GetString()!;
            var query = x.GetProperty("query").EnumerateObject().ToDictionary(p => p.Name, p => QueryValue(p.Value), StringComparer.Ordinal);
            var key = $"{file}:{method} {path}" + (query.Count == 0 ? "" : " " + x.GetProperty("query").GetRawText().Replace(" ", "", StringComparison.Ordinal));

            var call = Rebuild(method, path, query);
            if (call is null)
            {
                Assert.True(Unbuildable.ContainsKey(key),
                    $"{line}: no client method rebuilds {key}");
                continue;
            }

            var handler = new ReplayHandler(x);
            var client = new AriClient(new HttpClient(handler), new AriOptions { BaseUrl = "http://127.0.0.1:8088", Username = "lab", Password = "s3cret" });
            var status = x.GetProperty("status").GetInt32();
            object? result = null;
            AriException? error = null;
            try
            {
                result = await call(client);
            }
            catch (AriException ex)
            {
                error = ex;
            }

            AssertRequest(line, handler, method, path, query);
            if (status >= 400)
            {
                AssertError(line, error, status, method, path, x.GetProperty("response"));
            }
            else
            {
                Assert.True(error is null, $"{line}: unexpected {error}");
                AssertResult(line, result, x);
            }

            rebuilt++;
        }

        Assert.True(rebuilt > 0 || exchanges.Count == 0, $"{file}: nothing rebuilt");
    }

    private static string QueryValue(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => v.GetRawText(),
    };

    private static Func<AriClient, Task<object?>>? Rebuild(string method, string path, IReadOnlyDictionary<string, string> q)
    {
        string? Q(string name) => q.GetValueOrDefault(name);
        int? QInt(string name) => q.TryGetValue(name, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null;
        static async Task<object?> Void(Task t)
        {
            await t;
            return null;
        }

        static async Task<object?> Of<T>(Task<T> t) => await t;

        var s = path.Trim('/').Split('/');
        return (method, s) switch
        {
            ("GET", ["asterisk", "info"]) when q.Count == 0 => c => Of(c.Asterisk.GetInfoAsync()),
            ("GET", ["asterisk", "ping"]) => c => Of(c.Asterisk.PingAsync()),
            ("GET", ["applications"]) => c => Of(c.Applications.ListAsync()),
            ("GET", ["applications", var app]) => c => Of(c.Applications.GetAsync(app)),
            ("POST", ["applications", var app, "subscription"]) => c => Of(c.Applications.SubscribeAsync(app, Q("eventSource")!)),
            ("DELETE", ["applications", var app, "subscription"]) => c => Of(c.Applications.UnsubscribeAsync(app, Q("eventSource")!)),
            ("GET", ["endpoints"]) => c => Of(c.Endpoints.ListAsync()),
            ("GET", ["endpoints", var tech]) => c => Of(c.Endpoints.ListByTechAsync(tech)),
            ("GET", ["endpoints", var tech, var res]) => c => Of(c.Endpoints.GetAsync(tech, res)),
            ("GET", ["channels"]) => c => Of(c.Channels.ListAsync()),
            ("POST", ["channels"]) when Q("endpoint") is not null && !q.ContainsKey("variables") && int.TryParse(Q("timeout") ?? "0", out _) =>
                c => Of(c.Channels.OriginateAsync(new OriginateRequest
                {
                    Endpoint = Q("endpoint")!,
                    App = Q("app"),
                    AppArgs = Q("appArgs"),
                    CallerId = Q("callerId"),
                    Timeout = QInt("timeout"),
                    ChannelId = Q("channelId"),
                    Extension = Q("extension"),
                    Context = Q("context"),
                    Formats = Q("formats"),
                })),
            ("POST", ["channels", "create"]) => c => Of(c.Channels.CreateAsync(Q("endpoint")!, Q("app")!)),
            ("GET", ["channels", var id]) => c => Of(c.Channels.GetAsync(id)),
            ("DELETE", ["channels", var id]) => c => Void(c.Channels.HangupAsync(id, Reason(Q("reason")))),
            ("POST", ["channels", var id, "answer"]) => c => Void(c.Channels.AnswerAsync(id)),
            ("POST", ["channels", var id, "ring"]) => c => Void(c.Channels.RingAsync(id)),
            ("POST", ["channels", var id, "dial"]) => c => Void(c.Channels.DialAsync(id, Q("caller"), QInt("timeout"))),
            ("POST", ["channels", var id, "moh"]) => c => Void(c.Channels.StartMohAsync(id, Q("mohClass"))),
            ("DELETE", ["channels", var id, "moh"]) => c => Void(c.Channels.StopMohAsync(id)),
            ("POST", ["channels", var id, "play"]) => c => Of(c.Channels.PlayAsync(id, Q("media")!, Q("playbackId"), Q("lang"))),
            ("POST", ["channels", var id, "play", var pb]) => c => Of(c.Channels.PlayWithIdAsync(id, pb, Q("media")!, Q("lang"))),
            ("POST", ["channels", var id, "continue"]) => c => Void(c.Channels.ContinueAsync(id, Q("context"), Q("extension"), QInt("priority"))),
            ("GET", ["channels", var id, "variable"]) => c => Of(c.Channels.GetVariableAsync(id, Q("variable")!)),
            ("POST", ["channels", var id, "record"]) => c => Of(c.Channels.RecordAsync(id, new RecordRequest
            {
                Name = Q("name")!,
                Format = Q("format")!,
                MaxDurationSeconds = QInt("maxDurationSeconds"),
                Beep = Q("beep") is { } b ? bool.Parse(b) : null,
                TerminateOn = Q("terminateOn"),
                IfExists = Q("ifExists"),
            })),
            ("GET", ["bridges"]) => c => Of(c.Bridges.ListAsync()),
            ("POST", ["bridges"]) => c => Of(c.Bridges.CreateAsync(Q("bridgeId"), Q("type")!, Q("name"))),
            ("GET", ["bridges", var id]) => c => Of(c.Bridges.GetAsync(id)),
            ("DELETE", ["bridges", var id]) => c => Void(c.Bridges.DestroyAsync(id)),
            ("POST", ["bridges", var id, "addChannel"]) when Q("channel") is not null => c => Void(c.Bridges.AddChannelAsync(id, Q("channel")!.Split(','))),
            ("GET", ["playbacks", var id]) => c => Of(c.Playbacks.GetAsync(id)),
            ("DELETE", ["playbacks", var id]) => c => Void(c.Playbacks.StopAsync(id)),
            ("GET", ["recordings", "live", var name]) => c => Of(c.Recordings.GetLiveAsync(name)),
            ("GET", ["recordings", "stored"]) => c => Of(c.Recordings.ListStoredAsync()),
            ("GET", ["recordings", "stored", var name]) => c => Of(c.Recordings.GetStoredAsync(name)),
            ("GET", ["recordings", "stored", var name, "file"]) => c => Of(c.Recordings.DownloadStoredAsync(name)),
            _ => null,
        };
    }

    private static HangupReason? Reason(string? token) =>
        token is null ? null : Enum.GetValues<HangupReason>().Single(r => r.ToAriToken() == token);

    private static void AssertRequest(TranscriptLine line, ReplayHandler handler, string method, string path, IReadOnlyDictionary<string, string> query)
    {
        Assert.True(handler.Calls == 1, $"{line}: expected one HTTP request, saw {handler.Calls}");
        var request = handler.Request!;
        Assert.Equal(method, request.Method.Method);
        Assert.Equal("/ari" + path, request.RequestUri!.AbsolutePath);
        var sent = request.RequestUri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1])))
            .Order()
            .ToList();
        Assert.Equal(query.Select(kv => (kv.Key, kv.Value)).Order().ToList(), sent);
        Assert.Null(handler.RequestBody);
        Assert.Equal("Basic", request.Headers.Authorization?.Scheme);
    }

    private static void AssertError(TranscriptLine line, AriException? error, int status, string method, string path, JsonElement body)
    {
        Assert.True(error is not null, $"{line}: expected AriException {status}");
        Assert.Equal(status, (int)error.StatusCode);
        Assert.Equal(method, error.Method);
        Assert.Equal(path.TrimStart('/'), error.Path);
        var expectedMessage = body.ValueKind == JsonValueKind.Object
            ? (body.TryGetProperty("message", out var m) ? m : body.GetProperty("error")).GetString()
            : body.ValueKind == JsonValueKind.String ? body.GetString() : "Recording not found";
        Assert.Equal(expectedMessage, error.AsteriskMessage);
        Assert.Equal(status == 404, error.IsNotFound);
        Assert.Equal(status == 409, error.IsConflict);
        Assert.Equal(status == 422, error.IsUnprocessable);
        Assert.Equal(status == 500 && expectedMessage == "Allocation failed", error.IsAllocationFailed);
    }

    private static void AssertResult(TranscriptLine line, object? result, JsonElement x)
    {
        var r = x.GetProperty("response");
        string? S(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
        IEnumerable<JsonElement> A(JsonElement e) => e.EnumerateArray();

        switch (result)
        {
            case null:
                Assert.True(x.GetProperty("status").GetInt32() == 204, $"{line}: void call on a response with a body");
                break;
            case Channel c:
                AssertChannel(c, r);
                break;
            case IReadOnlyList<Channel> list:
                Assert.Equal(A(r).Count(), list.Count);
                foreach (var (c, e) in list.Zip(A(r)))
                {
                    AssertChannel(c, e);
                }

                break;
            case Bridge b:
                Assert.Equal((S(r, "id"), S(r, "bridge_type"), S(r, "technology"), S(r, "name")), (b.Id, b.BridgeType, b.Technology, b.Name));
                Assert.Equal(A(r.GetProperty("channels")).Select(e => e.GetString()), b.Channels);
                Assert.NotNull(b.CreationTime);
                break;
            case IReadOnlyList<Bridge> bridges:
                Assert.Equal(A(r).Count(), bridges.Count);
                break;
            case Playback p:
                Assert.Equal((S(r, "id"), S(r, "media_uri"), S(r, "target_uri"), S(r, "state")), (p.Id, p.MediaUri, p.TargetUri, p.State));
                Assert.Equal(S(r, "target_uri")![8..], p.TargetChannelId);
                break;
            case LiveRecording rec:
                Assert.Equal((S(r, "name"), S(r, "format"), S(r, "state"), S(r, "target_uri")), (rec.Name, rec.Format, rec.State, rec.TargetUri));
                break;
            case StoredRecording stored:
                Assert.Equal((S(r, "name"), S(r, "format")), (stored.Name, stored.Format));
                break;
            case IReadOnlyList<StoredRecording> storedList:
                Assert.Equal(A(r).Select(e => S(e, "name")), storedList.Select(s => s.Name));
                break;
            case RecordingFile file:
                Assert.Equal(x.GetProperty("response_bytes").GetInt32(), file.Content.Length);
                Assert.Equal("audio/wav", file.ContentType);
                break;
            case Endpoint ep:
                AssertEndpoint(ep, r);
                break;
            case IReadOnlyList<Endpoint> eps:
                Assert.Equal(A(r).Count(), eps.Count);
                foreach (var (ep, e) in eps.Zip(A(r)))
                {
                    AssertEndpoint(ep, e);
                }

                break;
            case Application app:
                Assert.Equal(S(r, "name"), app.Name);
                Assert.Equal(A(r.GetProperty("channel_ids")).Select(e => e.GetString()), app.ChannelIds);
                break;
            case IReadOnlyList<Application> apps:
                Assert.Equal(A(r).Select(e => S(e, "name")), apps.Select(a => a.Name));
                break;
            case AsteriskInfo info:
                Assert.Equal(S(r.GetProperty("system"), "version"), info.System?.Version);
                Assert.Equal(S(r.GetProperty("build"), "os"), info.Build?.Os);
                Assert.NotNull(info.Status?.StartupTime);
                break;
            case AsteriskPing ping:
                Assert.Equal("pong", ping.Ping);
                Assert.Equal(S(r, "asterisk_id"), ping.AsteriskId);
                break;
            case string value:
                Assert.Equal(S(r, "value"), value);
                break;
            default:
                Assert.Fail($"{line}: no assertion for {result.GetType()}");
                break;
        }
    }

    private static void AssertChannel(Channel c, JsonElement e)
    {
        Assert.Equal(e.GetProperty("id").GetString(), c.Id);
        Assert.Equal(e.GetProperty("name").GetString(), c.Name);
        Assert.Equal(e.GetProperty("state").GetString(), c.State);
        Assert.Equal(e.GetProperty("caller").GetProperty("number").GetString(), c.Caller.Number);
        Assert.Equal(e.GetProperty("dialplan").GetProperty("exten").GetString(), c.Dialplan.Exten);
        Assert.Equal(JsonSerializer.Deserialize<DateTimeOffset>(e.GetProperty("creationtime").GetRawText(), AriJson.Options), c.CreationTime);
    }

    private static void AssertEndpoint(Endpoint ep, JsonElement e)
    {
        Assert.Equal(e.GetProperty("resource").GetString(), ep.Resource);
        Assert.Equal(e.GetProperty("state").GetString(), ep.State);
        Assert.Equal(e.GetProperty("channel_ids").EnumerateArray().Select(i => i.GetString()), ep.ChannelIds);
    }

    [Fact]
    public void Every_listed_unbuildable_exchange_really_is_in_the_transcripts()
    {
        // Keeps the skip list honest: a stale entry would hide nothing but would mislead readers.
        var dir = Transcripts.RequireDirectory();
        foreach (var key in Unbuildable.Keys)
        {
            var file = key[..key.IndexOf(':', StringComparison.Ordinal)];
            Assert.True(File.Exists(Path.Combine(dir, file)), key);
        }

        Assert.Equal(HttpStatusCode.OK, ReplayHandler.BuildResponse(JsonDocument.Parse("""{"status":200,"response":null}""").RootElement).StatusCode);
    }
}
