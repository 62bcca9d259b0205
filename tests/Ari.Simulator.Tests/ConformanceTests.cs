using System.Text.Json.Nodes;
using LeadDesk.Ari.Simulator;

namespace Ari.Simulator.Tests;

/// <summary>One test per transcript in tests/ari-transcripts: same phones, same requests, same events and statuses.</summary>
public sealed class ConformanceTests
{
    private static async Task RunAsync(string file, Action<AsteriskSimulator>? script = null, Func<JsonObject, Replay, Task>? onNote = null)
    {
        var lines = Transcripts.Load(file);
        await using var replay = await Replay.StartAsync(script);
        replay.OnNote = onNote;
        await replay.RunAsync(lines);
        replay.AssertConforms();
    }

    private static readonly TimeSpan Quick = TimeSpan.FromMilliseconds(2);

    [Fact] public Task T00_smoke_builtin_uac() => RunAsync("00_smoke_builtin_uac.jsonl");

    [Fact] public Task A_inbound_answer_play_hangup() => RunAsync("a_inbound_answer_play_hangup.jsonl");

    [Fact]
    public Task B_originate_agent_bridge_carrier_hangup() => RunAsync("b_originate_agent_bridge_carrier_hangup.jsonl",
        s => s.AddEndpoint("PJSIP/agent1001", PhoneScript.AnswerAfter(Quick)));

    [Fact]
    public Task C_originate_agent_busy_486() => RunAsync("c_originate_agent_busy_486.jsonl",
        s => s.AddEndpoint("PJSIP/agent1001", PhoneScript.Busy486(TimeSpan.FromMilliseconds(300))));

    [Fact]
    public Task D_originate_agent_noanswer_timeout5() => RunAsync("d_originate_agent_noanswer_timeout5.jsonl",
        s => s.AddEndpoint("PJSIP/agent1001", PhoneScript.RingForever()));

    [Fact]
    public Task E_originate_unreachable_and_no_contact() => RunAsync("e_originate_unreachable_and_no_contact.jsonl", s =>
    {
        s.AddEndpoint("PJSIP/agent1002", PhoneScript.Unreachable());
        s.AddEndpoint("PJSIP/agent1003", PhoneScript.NoContact());
    });

    [Fact]
    public Task E2_originate_unreachable_timerB() => RunAsync("e2_originate_unreachable_timerB.jsonl",
        s => s.AddEndpoint("PJSIP/agent1002", PhoneScript.Unreachable()));

    // f0: the real cause (a missing <spool>/recording dir) cannot exist here; FailRecordings gives the same 500.
    // The recorded scenario then timed out waiting for RecordingStarted, which the replay reproduces as "no event".
    [Fact]
    public Task F0_record_500_when_spool_recording_dir_missing() => RunAsync("f0_record_500_when_spool_recording_dir_missing.jsonl",
        s => s.FailRecordings = true);

    // f: RTP audio content cannot be reproduced (the simulator writes a 440 Hz tone of the scripted length);
    // the file download is compared by status, Content-Type and a valid RIFF/WAV header, not by size.
    [Fact] public Task F_record_with_rtp_audio() => RunAsync("f_record_with_rtp_audio.jsonl");

    [Fact]
    public Task G_continue_to_dialplan_queue() => RunAsync("g_continue_to_dialplan_queue.jsonl", s =>
    {
        s.AddEndpoint("PJSIP/agent1001", PhoneScript.AnswerAfter(Quick));
        s.AddQueue("lab-queue", "support", "support", "PJSIP/agent1001");
    });

    [Fact]
    public Task H_endpoints_and_rest_errors() => RunAsync("h_endpoints_and_rest_errors.jsonl", s =>
    {
        s.AddEndpoint("PJSIP/agent1001", PhoneScript.Unreachable());
        s.AddEndpoint("PJSIP/agent1002", PhoneScript.Unreachable());
        s.AddEndpoint("PJSIP/agent1003", PhoneScript.NoContact());
    });

    [Fact]
    public Task I_ws_reconnect_mid_call()
    {
        int? reconnectedAt = null;
        return RunAsync("i_ws_reconnect_mid_call.jsonl", onNote: async (note, r) =>
        {
            var text = (string)note["note"]!;
            if (text.Contains("KILLED", StringComparison.Ordinal))
            {
                await r.Sim.DisconnectWebSocketsAsync();
                Assert.False(r.Sim.IsAppConnected("lab"));
            }
            else if (text.StartsWith("second carrier call while NO websocket", StringComparison.Ordinal))
            {
                var call = await r.Sim.PlaceInboundCallAsync(new InboundCall { App = "lab", Args = ["inbound"], Exten = "358401234567", CallerNumber = "358451112233" });
                Assert.Equal(CallOutcome.Rejected, call.Outcome);
                Assert.Equal(603, call.SipResponse);
                Assert.Null(call.ChannelId);
            }
            else if (text == "ws client B started")
            {
                lock (r.Actual) reconnectedAt = r.Actual.Count;
                await r.ConnectAgainAsync();
            }
            else if (text == "ws client B stopped")
            {
                // The recording waited 3 s and saw nothing replayed on reconnect. One socket delivers in order, so a
                // replay would arrive before B's first new event, the beep's PlaybackStarted.
                JsonObject first;
                lock (r.Actual) first = r.Actual.Skip(reconnectedAt!.Value).First(e => !Replay.IgnoredEvents.Contains((string)e["type"]!));
                Assert.Equal("PlaybackStarted", (string?)first["type"]);
                Assert.Equal("pb-i-beep-201029", (string?)first["playback"]?["id"]);
            }
        });
    }
}

public sealed class ReplaySelfTests
{
    // Guards the comparison itself: a wrong phone script must be reported.
    [Fact]
    public async Task Replay_reports_a_deviation()
    {
        var lines = Transcripts.Load("c_originate_agent_busy_486.jsonl");
        await using var replay = await Replay.StartAsync(s => s.AddEndpoint("PJSIP/agent1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(1))));
        await replay.RunAsync(lines);
        Assert.NotEmpty(replay.Failures);
        Assert.True(replay.Expected.Count >= 6);
    }
}
