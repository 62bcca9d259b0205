using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LeadDesk.Ari.Simulator;

namespace Ari.Simulator.Tests;

/// <summary>The scripting API a call-flow test uses, without transcripts.</summary>
public sealed class ScriptingApiTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AsteriskSimulator _sim = null!;
    private readonly HttpClient _http = new();
    private readonly List<JsonObject> _events = [];
    private EventClient _ws = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await AsteriskSimulator.StartAsync(new SimulatorOptions
        {
            Username = "u", Password = "p", TimeScale = 0.01, SipTimerB = TimeSpan.FromSeconds(32),
        });
        _http.BaseAddress = new Uri(_sim.BaseUrl + "/ari/");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("u:p"u8.ToArray()));
        _ws = await EventClient.ConnectAsync(_sim, "leaddesk", _events);
        await _sim.WaitForAsync(() => _sim.IsAppConnected("leaddesk"));
    }

    public async ValueTask DisposeAsync()
    {
        await _ws.DisposeAsync();
        await _sim.DisposeAsync();
        _http.Dispose();
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> Send(HttpMethod m, string uri, JsonObject? body = null)
    {
        using var req = new HttpRequestMessage(m, uri);
        if (body is not null) req.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var resp = await _http.SendAsync(req);
        var text = await resp.Content.ReadAsStringAsync(Ct);
        return (resp.StatusCode, text.Length > 0 && resp.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text) : null);
    }

    private Task<JsonObject> Event(string type, string? id = null) =>
        _sim.WaitForEventAsync(type, e => id is null || (string?)e["channel"]?["id"] == id || (string?)e["peer"]?["id"] == id);

    private Task<SimulatedCall> Inbound() => _sim.PlaceInboundCallAsync(new InboundCall
    {
        App = "leaddesk", Args = ["inbound", "+358401234567"], Exten = "+358401234567",
        CallerNumber = "358451112233", CallerName = "Caller",
    });

    private async Task<string> Originate(string endpoint, int timeout = 15)
    {
        var (st, body) = await Send(HttpMethod.Post, $"channels?endpoint={Uri.EscapeDataString(endpoint)}&app=leaddesk&appArgs=agent&timeout={timeout}");
        Assert.Equal(HttpStatusCode.OK, st);
        return (string)body!["id"]!;
    }

    [Fact]
    public async Task Inbound_call_gives_StasisStart_shaped_like_Asterisk()
    {
        var call = await Inbound();
        var ev = await Event("StasisStart", call.ChannelId);
        Assert.Equal(["inbound", "+358401234567"], ev["args"]!.AsArray().Select(a => (string)a!));
        var ch = ev["channel"]!;
        Assert.Equal("Ring", (string)ch["state"]!);
        Assert.Matches(@"^\d+\.\d+$", (string)ch["id"]!);
        Assert.Matches("^PJSIP/carrier-[0-9a-f]{8}$", (string)ch["name"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"context":"from-carrier","exten":"+358401234567","priority":2,"app_name":"Stasis","app_data":"leaddesk,inbound,+358401234567"}"""), ch["dialplan"]));
        Assert.Equal("358451112233", (string)ch["caller"]!["number"]!);
    }

    [Fact]
    public async Task Busy_agent_gives_cause_17_486_and_app_rejects_caller_with_486()
    {
        _sim.AddEndpoint("PJSIP/1001", PhoneScript.Busy486());
        var call = await Inbound();
        var id = await Originate("PJSIP/1001");
        var destroyed = await Event("ChannelDestroyed", id);
        Assert.Equal(17, (int)destroyed["cause"]!);
        Assert.Equal(486, (int)destroyed["tech_cause"]!);
        Assert.Equal("User busy", (string)destroyed["cause_txt"]!);
        Assert.Contains(_sim.Events, e => e.Type == "Dial" && (string?)e.Json["dialstatus"] == "BUSY");
        var (st, _) = await Send(HttpMethod.Delete, $"channels/{call.ChannelId}?reason=busy");
        Assert.Equal(HttpStatusCode.NoContent, st);
        Assert.Equal(CallOutcome.Rejected, call.Outcome);
        Assert.Equal(486, call.SipResponse);
        Assert.Empty(_sim.LiveChannels);
    }

    [Fact]
    public async Task No_answer_until_timeout_is_19_480_without_final_Dial()
    {
        _sim.AddEndpoint("PJSIP/1001", PhoneScript.RingForever());
        var id = await Originate("PJSIP/1001", timeout: 5);
        var destroyed = await Event("ChannelDestroyed", id);
        Assert.Equal(19, (int)destroyed["cause"]!);
        Assert.Equal(480, (int)destroyed["tech_cause"]!);
        var dials = _sim.Events.Where(e => e.Type == "Dial").Select(e => (string)e.Json["dialstatus"]!).ToList();
        Assert.Equal(["", "RINGING"], dials);
    }

    [Fact]
    public async Task Unreachable_short_timeout_is_19_480_long_timeout_hits_Timer_B_18_408()
    {
        _sim.AddEndpoint("PJSIP/1002", PhoneScript.Unreachable());
        var a = await Originate("PJSIP/1002", timeout: 8);
        var d1 = await Event("ChannelDestroyed", a);
        Assert.Equal((19, 480), ((int)d1["cause"]!, (int)d1["tech_cause"]!));
        Assert.DoesNotContain(_sim.Events, e => e.Type == "ChannelStateChange");
        var b = await Originate("PJSIP/1002", timeout: 60);
        var d2 = await Event("ChannelDestroyed", b);
        Assert.Equal((18, 408, "No user responding"), ((int)d2["cause"]!, (int)d2["tech_cause"]!, (string)d2["cause_txt"]!));
        Assert.Contains(_sim.Events, e => e.Type == "Dial" && (string?)e.Json["peer"]?["id"] == b && (string?)e.Json["dialstatus"] == "NOANSWER");
    }

    [Fact]
    public async Task No_contact_and_unknown_endpoint_give_500_allocation_failed()
    {
        _sim.AddEndpoint("PJSIP/1003", PhoneScript.NoContact());
        foreach (var ep in new[] { "PJSIP/1003", "PJSIP/nosuch", "NOPE/1001" })
        {
            var (st, body) = await Send(HttpMethod.Post, $"channels?endpoint={Uri.EscapeDataString(ep)}&app=leaddesk");
            Assert.Equal(HttpStatusCode.InternalServerError, st);
            Assert.Equal("""{"error":"Allocation failed"}""", body!.ToJsonString());
        }
        Assert.Empty(_sim.LiveChannels);
    }

    [Fact]
    public async Task Answer_after_delay_then_StasisStart_and_agent_hangs_up()
    {
        _sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(200), hangUpAfterAnswer: TimeSpan.FromSeconds(20)));
        // originate variables come as a JSON body
        var (st, body) = await Send(HttpMethod.Post, "channels?endpoint=PJSIP/1001&app=leaddesk&appArgs=agent,x",
            new JsonObject { ["variables"] = new JsonObject { ["LEADDESK_CALL"] = "42" } });
        Assert.Equal(HttpStatusCode.OK, st);
        var id = (string)body!["id"]!;
        var start = await Event("StasisStart", id);
        Assert.Equal("""["agent","x"]""", start["args"]!.ToJsonString());
        var (_, v) = await Send(HttpMethod.Get, $"channels/{id}/variable?variable=LEADDESK_CALL");
        Assert.Equal("42", (string)v!["value"]!);
        var destroyed = await Event("ChannelDestroyed", id);
        Assert.Equal(16, (int)destroyed["cause"]!);
        var types = _sim.Events.Where(e => (string?)e.Json["channel"]?["id"] == id || (string?)e.Json["peer"]?["id"] == id).Select(e => e.Type).ToList();
        Assert.Equal(["Dial", "ChannelStateChange", "Dial", "ChannelStateChange", "Dial", "StasisStart", "ChannelHangupRequest", "StasisEnd", "ChannelDestroyed"], types);
    }

    [Fact]
    public async Task Caller_hangs_up_mid_ring_and_app_cancels_agent_leg()
    {
        _sim.AddEndpoint("PJSIP/1001", PhoneScript.RingForever());
        var call = await Inbound();
        var agent = await Originate("PJSIP/1001", timeout: 30);
        await Event("ChannelStateChange", agent);
        await call.HangUpAsync();
        var hr = await Event("ChannelHangupRequest", call.ChannelId);
        Assert.Null(hr["cause"]);
        await Event("StasisEnd", call.ChannelId);
        Assert.DoesNotContain(_sim.Events, e => e.Type == "ChannelDestroyed" && (string?)e.Json["channel"]?["id"] == call.ChannelId);
        Assert.Equal(CallOutcome.HungUpByCaller, call.Outcome);
        await Send(HttpMethod.Delete, $"channels/{agent}");
        var d = await Event("ChannelDestroyed", agent);
        Assert.Equal(16, (int)d["cause"]!);
        Assert.Contains(_sim.Events, e => e.Type == "Dial" && (string?)e.Json["dialstatus"] == "NOANSWER");
        Assert.Empty(_sim.LiveChannels);
    }

    [Fact]
    public async Task Recording_produces_a_real_wav_of_the_scripted_length()
    {
        _sim.RecordingLength = TimeSpan.FromSeconds(3.2);
        var call = await Inbound();
        await Send(HttpMethod.Post, $"channels/{call.ChannelId}/answer");
        var (st, _) = await Send(HttpMethod.Post, $"channels/{call.ChannelId}/record?name=vm1&format=wav&maxDurationSeconds=60&maxSilenceSeconds=3&terminateOn=%23");
        Assert.Equal(HttpStatusCode.Created, st);
        var fin = await _sim.WaitForEventAsync("RecordingFinished");
        Assert.Equal(3, (int)fin["recording"]!["duration"]!);
        Assert.Contains(_sim.Events, e => e.Type == "ChannelDtmfReceived" && (string?)e.Json["digit"] == "#");
        using var resp = await _http.GetAsync("recordings/stored/vm1/file", Ct);
        Assert.Equal("audio/wav", resp.Content.Headers.ContentType?.MediaType);
        var wav = await resp.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(44 + 2 * 25600, wav.Length);
        Assert.Equal(3.2, Wav.Length(wav).TotalSeconds, 3);

        // maxDurationSeconds wins when shorter; cancel discards
        await Send(HttpMethod.Post, $"channels/{call.ChannelId}/record?name=vm2&format=wav&maxDurationSeconds=2&ifExists=overwrite");
        var fin2 = await _sim.WaitForEventAsync("RecordingFinished", e => (string?)e["recording"]?["name"] == "vm2");
        Assert.Equal(2, (int)fin2["recording"]!["duration"]!);
        _sim.RecordingLength = null;
        await Send(HttpMethod.Post, $"channels/{call.ChannelId}/record?name=vm3&format=wav");
        await _sim.WaitForEventAsync("RecordingStarted", e => (string?)e["recording"]?["name"] == "vm3");
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Delete, "recordings/live/vm3")).Status);
        Assert.Null(_sim.StoredRecordingBytes("vm3"));
    }

    [Fact]
    public async Task Playbacks_queue_behind_an_endless_tone_and_are_tracked()
    {
        var call = await Inbound();
        var id = call.ChannelId!;
        await Send(HttpMethod.Post, $"channels/{id}/play/t1?media=tone:busy");
        var (_, q) = await Send(HttpMethod.Post, $"channels/{id}/play/b1?media=sound:beep");
        Assert.Equal("queued", (string)q!["state"]!);
        await Send(HttpMethod.Delete, "playbacks/t1");
        await _sim.WaitForEventAsync("PlaybackFinished", e => (string?)e["playback"]?["id"] == "b1");
        // The endless tone held the beep back: it started only once the tone was stopped.
        var order = _sim.Events.Select(e => $"{e.Type} {e.Json["playback"]?["id"]}").ToList();
        Assert.True(order.IndexOf("PlaybackFinished t1") is >= 0 and var stopped && stopped < order.IndexOf("PlaybackStarted b1"), string.Join("\n", order));
        Assert.Equal(["tone:busy", "sound:beep"], _sim.PlayedMedia(id));
        Assert.Empty(_sim.LivePlaybacks);
    }

    [Fact]
    public async Task Progress_exists_only_on_versions_that_have_it()
    {
        var call = await Inbound();
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Post, $"channels/{call.ChannelId}/progress")).Status);
        Assert.True(call.SawEarlyMedia);
        await using var old = await AsteriskSimulator.StartAsync(new SimulatorOptions { Username = "u", Password = "p", AsteriskVersion = "22.5.0" }, Ct);
        using var http = new HttpClient();
        var resp = await http.PostAsync($"{old.BaseUrl}/ari/channels/x/progress?api_key=u:p", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, resp.StatusCode);
        Assert.Equal("""{"message":"Resource not found"}""", await resp.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Delete_reasons_map_to_sip_responses_for_the_caller()
    {
        var c1 = await Inbound();
        await Send(HttpMethod.Delete, $"channels/{c1.ChannelId}?reason=unallocated");
        Assert.Equal((CallOutcome.Rejected, 404), (c1.Outcome, c1.SipResponse));
        var c2 = await Inbound();
        await Send(HttpMethod.Post, $"channels/{c2.ChannelId}/answer");
        await Send(HttpMethod.Delete, $"channels/{c2.ChannelId}");
        Assert.Equal(CallOutcome.HungUpByAsterisk, c2.Outcome);
        Assert.True(c2.Answered);
    }

    [Fact]
    public async Task Continue_ends_stasis_then_409_and_422()
    {
        var call = await Inbound();
        var id = call.ChannelId!;
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Post, $"channels/{id}/continue?context=leaddesk-queues&extension=sales&priority=1")).Status);
        await Event("StasisEnd", id);
        var (st, body) = await Send(HttpMethod.Post, $"channels/{id}/answer");
        Assert.Equal(HttpStatusCode.Conflict, st);
        Assert.Equal("Channel not in Stasis application", (string)body!["message"]!);
        var (_, br) = await Send(HttpMethod.Post, "bridges?type=mixing");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Send(HttpMethod.Post, $"bridges/{br!["id"]}/addChannel?channel={id}")).Status);
    }

    [Fact]
    public async Task Ws_drop_keeps_channels_loses_events_and_rejects_new_calls_until_reconnect()
    {
        var call = await Inbound();
        await _sim.DisconnectWebSocketsAsync();
        Assert.False(_sim.IsAppConnected("leaddesk"));
        var during = await Inbound();
        Assert.Equal((CallOutcome.Rejected, 603), (during.Outcome, during.SipResponse));
        Assert.Single(_sim.LiveChannels);
        await Send(HttpMethod.Post, $"channels/{call.ChannelId}/answer"); // event lost
        var seen = new List<JsonObject>();
        await using var ws2 = await EventClient.ConnectAsync(_sim, "leaddesk", seen);
        await _sim.WaitForAsync(() => _sim.IsAppConnected("leaddesk"));
        await Send(HttpMethod.Delete, $"channels/{call.ChannelId}");
        await _sim.WaitForAsync(() => { lock (seen) return seen.Count == 2; });
        // Only the hang-up's events: the answer's ChannelStateChange from the gap was not replayed ahead of them.
        lock (seen) Assert.Equal(["ChannelHangupRequest", "StasisEnd"], seen.Select(e => (string)e["type"]!));
    }

    [Fact]
    public async Task Restart_on_the_same_port_and_auth()
    {
        var port = _sim.Port;
        var call = await Inbound();
        await _sim.StopAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => _http.GetAsync("asterisk/ping", Ct));
        await _sim.StartAgainAsync(Ct);
        Assert.Equal(port, _sim.Port);
        Assert.Single(_sim.LiveChannels);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, $"channels/{call.ChannelId}")).Status);
        using var anon = new HttpClient();
        var r = await anon.GetAsync(_sim.BaseUrl + "/ari/asterisk/info", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal("""{"message":"Authentication required"}""", await r.Content.ReadAsStringAsync(Ct));
        Assert.Contains(_sim.Requests, q => q.Path == "/ari/asterisk/info" && q.Status == 401);
    }

    [Fact]
    public async Task Bridge_playback_is_recorded_per_channel()
    {
        var c1 = await Inbound();
        var c2 = await Inbound();
        var (_, br) = await Send(HttpMethod.Post, "bridges?type=mixing&name=x");
        var bid = (string)br!["id"]!;
        await Send(HttpMethod.Post, $"bridges/{bid}/addChannel?channel={c1.ChannelId},{c2.ChannelId}");
        await Send(HttpMethod.Post, $"bridges/{bid}/play?media=sound:beep");
        Assert.Equal(["sound:beep"], _sim.PlayedMedia(c2.ChannelId!));
        Assert.Equal(2, _sim.LiveBridges.Single().Channels.Count);
        await c1.HangUpAsync();
        await Event("ChannelLeftBridge", c1.ChannelId);
        Assert.Single(_sim.LiveBridges.Single().Channels);
    }
}
