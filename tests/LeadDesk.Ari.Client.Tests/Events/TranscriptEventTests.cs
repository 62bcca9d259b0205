using System.Text.Json;
using LeadDesk.Ari.Client.Events;
using LeadDesk.Ari.Client.Tests.Support;

namespace LeadDesk.Ari.Client.Tests.Events;

/// <summary>Every websocket line recorded from Asterisk 22.10.1 parses into its typed event with the fields intact.</summary>
public sealed class TranscriptEventTests
{
    public static TheoryData<string> Files() => new(Transcripts.FileNames());

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_ws_line_parses_to_its_typed_event(string file)
    {
        var wsLines = Transcripts.Load(file).Where(l => l.Dir == "ws").ToList();
        Assert.NotEmpty(wsLines);

        foreach (var line in wsLines)
        {
            var json = line.Event;
            var e = AriEventParser.Parse(json.GetRawText());
            var type = json.GetProperty("type").GetString();

            Assert.Equal(type, e.Type);
            Assert.Equal(json.GetProperty("application").GetString(), e.Application);
            Assert.Equal(json.GetProperty("asterisk_id").GetString(), e.AsteriskId);
            Assert.NotNull(e.Timestamp);
            Assert.Equal(json.GetRawText(), e.RawJson);
            AssertTyped(e, json, line);
        }
    }

    private static void AssertTyped(AriEvent e, JsonElement json, TranscriptLine line)
    {
        string? ChannelIdOf(string property) =>
            json.TryGetProperty(property, out var c) ? c.GetProperty("id").GetString() : null;

        switch (e)
        {
            case StasisStart s:
                Assert.Equal(json.GetProperty("args").EnumerateArray().Select(a => a.GetString()), s.Args);
                var dialplan = json.GetProperty("channel").GetProperty("dialplan");
                Assert.Equal(dialplan.GetProperty("exten").GetString(), s.Channel.Dialplan.Exten);
                Assert.Equal(dialplan.GetProperty("context").GetString(), s.Channel.Dialplan.Context);
                Assert.Equal(dialplan.GetProperty("priority").GetInt64(), s.Channel.Dialplan.Priority);
                Assert.Equal(json.GetProperty("channel").GetProperty("caller").GetProperty("number").GetString(), s.Channel.Caller.Number);
                Assert.NotEqual(default, s.Channel.CreationTime);
                break;
            case ChannelDestroyed d:
                Assert.Equal(json.GetProperty("cause").GetInt32(), d.Cause);
                Assert.Equal(json.GetProperty("cause_txt").GetString(), d.CauseTxt);
                Assert.Equal(json.TryGetProperty("tech_cause", out var tc) ? tc.GetInt32() : null, d.TechCause);
                break;
            case ChannelHangupRequest h:
                Assert.Equal(json.TryGetProperty("cause", out var hc) ? hc.GetInt32() : null, h.Cause);
                Assert.Equal(json.TryGetProperty("tech_cause", out var htc) ? htc.GetInt32() : null, h.TechCause);
                Assert.Equal(json.TryGetProperty("soft", out var soft) ? soft.GetBoolean() : null, h.Soft);
                break;
            case ChannelDtmfReceived dtmf:
                Assert.Equal(json.GetProperty("digit").GetString(), dtmf.Digit);
                Assert.Equal(json.GetProperty("duration_ms").GetInt32(), dtmf.DurationMs);
                break;
            case ChannelEnteredBridge or ChannelLeftBridge:
                var bridge = e is ChannelEnteredBridge eb ? eb.Bridge : ((ChannelLeftBridge)e).Bridge;
                Assert.Equal(json.GetProperty("bridge").GetProperty("id").GetString(), bridge.Id);
                Assert.Equal(json.GetProperty("bridge").GetProperty("channels").GetArrayLength(), bridge.Channels.Count);
                Assert.Equal("mixing", bridge.BridgeType);
                break;
            case Dial dial:
                Assert.Equal(json.GetProperty("dialstatus").GetString(), dial.Dialstatus);
                Assert.Equal(json.GetProperty("dialstring").GetString(), dial.Dialstring);
                Assert.Equal(ChannelIdOf("caller"), dial.Caller?.Id);
                Assert.Equal(ChannelIdOf("peer"), dial.ChannelId);
                break;
            case PlaybackEvent p:
                Assert.Equal(json.GetProperty("playback").GetProperty("id").GetString(), p.Playback.Id);
                Assert.Equal(json.GetProperty("playback").GetProperty("state").GetString(), p.Playback.State);
                Assert.Equal(json.GetProperty("playback").GetProperty("target_uri").GetString(), "channel:" + p.ChannelId);
                break;
            case RecordingEvent r:
                var rec = json.GetProperty("recording");
                Assert.Equal(rec.GetProperty("name").GetString(), r.Recording.Name);
                Assert.Equal(rec.TryGetProperty("duration", out var dur) ? dur.GetInt32() : null, r.Recording.Duration);
                Assert.Equal(rec.GetProperty("target_uri").GetString(), "channel:" + r.ChannelId);
                break;
            case ChannelVarset v:
                Assert.Equal(json.GetProperty("variable").GetString(), v.Variable);
                break;
            case UnknownAriEvent:
                Assert.Fail($"{line}: {e.Type} should be modelled (it occurs in real traffic)");
                break;
        }

        // Dispatch key: every event about a channel is keyed by it.
        if (e is ChannelEvent ce)
        {
            Assert.Equal(ChannelIdOf("channel"), ce.ChannelId);
        }
    }

    [Fact]
    public void Busy_originate_reports_cause_17_tech_cause_486_and_dial_BUSY()
    {
        var events = Parse("c_originate_agent_busy_486.jsonl");

        var destroyed = Assert.Single(events.OfType<ChannelDestroyed>());
        Assert.Equal((17, 486, "User busy"), (destroyed.Cause, destroyed.TechCause!.Value, destroyed.CauseTxt));
        // 486 came straight after the INVITE here, so no RINGING in between.
        Assert.Equal(["", "BUSY"], events.OfType<Dial>().Select(d => d.Dialstatus));
        Assert.All(events.OfType<Dial>(), d => Assert.Null(d.Caller));
    }

    [Fact]
    public void Remote_bye_hangup_request_has_no_cause_but_app_delete_is_soft_32()
    {
        var remote = Assert.Single(Parse("00_smoke_builtin_uac.jsonl").OfType<ChannelHangupRequest>());
        Assert.Null(remote.Cause);
        Assert.Null(remote.Soft);

        var appDelete = Assert.Single(Parse("a_inbound_answer_play_hangup.jsonl").OfType<ChannelHangupRequest>());
        Assert.Equal(32, appDelete.Cause);
        Assert.True(appDelete.Soft);
    }

    [Fact]
    public void Inbound_stasis_start_carries_args_and_dialled_number()
    {
        var start = Parse("b_originate_agent_bridge_carrier_hangup.jsonl").OfType<StasisStart>().First();

        Assert.Equal(["inbound"], start.Args);
        Assert.Equal("358401234567", start.Channel.Dialplan.Exten);
        Assert.Equal("Carrier 358451112233", start.Channel.Caller.Name);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 20, 8, 46, 671, TimeSpan.Zero), start.Channel.CreationTime);
    }

    [Fact]
    public void Recording_finished_by_hash_reports_zero_whole_seconds()
    {
        var finished = Parse("f_record_with_rtp_audio.jsonl").OfType<RecordingFinished>().ToList();

        Assert.Equal([5, 0], finished.Select(f => f.Recording.Duration!.Value));
        Assert.Equal("1795464574.43", finished[1].ChannelId);
    }

    [Fact]
    public void Timer_b_gives_cause_18_tech_cause_408()
    {
        var destroyed = Assert.Single(Parse("e2_originate_unreachable_timerB.jsonl").OfType<ChannelDestroyed>());
        Assert.Equal((18, 408), (destroyed.Cause, destroyed.TechCause!.Value));
    }

    private static List<AriEvent> Parse(string file)
    {
        Transcripts.RequireDirectory();
        return Transcripts.Load(file).Where(l => l.Dir == "ws").Select(l => AriEventParser.Parse(l.Event.GetRawText())).ToList();
    }
}
