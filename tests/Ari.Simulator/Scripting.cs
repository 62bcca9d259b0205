using System.Text.Json.Nodes;

namespace LeadDesk.Ari.Simulator;

/// <summary>Options for <see cref="AsteriskSimulator.StartAsync"/>.</summary>
public sealed class SimulatorOptions
{
    public string Username { get; init; } = "asterisk";
    public string Password { get; init; } = "asterisk";
    /// <summary>Reported by /asterisk/info; also decides whether POST /channels/{id}/progress exists (20.16+/21.11+/22.6+/23+).</summary>
    public string AsteriskVersion { get; init; } = "22.10.1";

    /// <summary>
    /// asterisk.conf's <c>systemname</c>: Asterisk prefixes every unique id (so every ARI channel id) with it and a
    /// dash, which keeps ids of several Asterisks on one store apart. Null: plain <c>epoch.sequence</c> ids.
    /// </summary>
    public string? SystemName { get; init; }
    /// <summary>Multiplies every simulated delay (originate timeouts, Timer B, sound lengths, recording lengths). 0.01 makes a 5 s timeout 50 ms.</summary>
    public double TimeScale { get; init; } = 1.0;
    /// <summary>SIP Timer B (INVITE transaction timeout) for unreachable contacts; 32 s in Asterisk.</summary>
    public TimeSpan SipTimerB { get; init; } = TimeSpan.FromSeconds(32);
    /// <summary>How long a <c>sound:</c>/<c>digits:</c>/<c>number:</c> playback lasts (sound:beep took ~425 ms).</summary>
    public TimeSpan SoundDuration { get; init; } = TimeSpan.FromMilliseconds(425);
    /// <summary>Dialplan context of originated channels (the agents' endpoint context).</summary>
    public string OriginateContext { get; init; } = "from-agents";
    /// <summary>
    /// False for long benchmark runs: requests, events and played media are not kept (<see cref="AsteriskSimulator.Requests"/>,
    /// <see cref="AsteriskSimulator.Events"/> and <see cref="AsteriskSimulator.PlayedMedia"/> stay empty), so memory stays flat.
    /// </summary>
    public bool KeepHistory { get; init; } = true;
    /// <summary>When set, measures each inbound call's decision latency (see <see cref="DecisionLatencyProbe"/>).</summary>
    public DecisionLatencyProbe? LatencyProbe { get; init; }

    /// <summary>When set, counts every REST request and event by kind, history or not (see <see cref="AriTraffic"/>).</summary>
    public AriTraffic? Traffic { get; init; }
    /// <summary>0 = dynamic port.</summary>
    public int Port { get; init; }
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

public enum PhoneBehaviour { AnswerAfter, Busy486, RingForever, Unreachable, NoContact }

/// <summary>What a (PJSIP) phone does when Asterisk dials it.</summary>
public sealed record PhoneScript
{
    public PhoneBehaviour Behaviour { get; init; }
    /// <summary>Delay before the final answer (200 or 486).</summary>
    public TimeSpan Delay { get; init; }
    /// <summary>Whether the phone sends 180 Ringing first (AnswerAfter always rings).</summary>
    public bool Rings { get; init; } = true;
    /// <summary>When set, the phone sends BYE this long after answering.</summary>
    public TimeSpan? HangUpAfterAnswer { get; init; }
    /// <summary>The far end sends 183 with its own ringback or announcement after the 180 (Dial PROGRESS).</summary>
    public bool EarlyMedia { get; init; }

    public static PhoneScript AnswerAfter(TimeSpan delay, TimeSpan? hangUpAfterAnswer = null) =>
        new() { Behaviour = PhoneBehaviour.AnswerAfter, Delay = delay, HangUpAfterAnswer = hangUpAfterAnswer };
    /// <summary>486 Busy Here after <paramref name="after"/> (default 300 ms), optionally after a 180 Ringing.</summary>
    public static PhoneScript Busy486(TimeSpan? after = null, bool ringFirst = false) =>
        new() { Behaviour = PhoneBehaviour.Busy486, Delay = after ?? TimeSpan.FromMilliseconds(300), Rings = ringFirst };
    /// <summary>180 Ringing, never answers: the originate timeout ends it (19 / 480, no final Dial event).</summary>
    public static PhoneScript RingForever() => new() { Behaviour = PhoneBehaviour.RingForever };
    /// <summary>Contact registered but nothing answers SIP: originate timeout (19/480) or Timer B (18/408) ends it.</summary>
    public static PhoneScript Unreachable() => new() { Behaviour = PhoneBehaviour.Unreachable, Rings = false };
    /// <summary>Endpoint exists, AOR has no contact: originate gives 500 {"error":"Allocation failed"}.</summary>
    public static PhoneScript NoContact() => new() { Behaviour = PhoneBehaviour.NoContact, Rings = false };
}

/// <summary>An inbound call from a trunk into Stasis(App, Args...).</summary>
public sealed record InboundCall
{
    public string App { get; init; } = "leaddesk";
    public IReadOnlyList<string> Args { get; init; } = [];
    public string Exten { get; init; } = "s";
    public string CallerNumber { get; init; } = "";
    public string CallerName { get; init; } = "";
    public string Context { get; init; } = "from-carrier";
    /// <summary>PJSIP endpoint the call arrives on (channel name PJSIP/&lt;Endpoint&gt;-0000001f).</summary>
    public string Endpoint { get; init; } = "carrier";
    /// <summary>Dialplan priority of the Stasis() line (2 in the lab: NoOp then Stasis).</summary>
    public int Priority { get; init; } = 2;
    /// <summary>Talk length for recordings made on this call (overrides <see cref="AsteriskSimulator.RecordingLength"/>).</summary>
    public TimeSpan? RecordingLength { get; init; }
    /// <summary>Set before the call is placed: see <see cref="SimulatedCall.HangUpWhenRequested"/>.</summary>
    public string? HangUpWhenRequested { get; init; }
}

/// <summary>What the caller (the carrier's side of the SIP dialog) has seen so far.</summary>
public enum CallOutcome
{
    /// <summary>INVITE in progress (maybe 180/183 seen), no final response yet.</summary>
    Pending,
    /// <summary>200 OK, call up.</summary>
    Answered,
    /// <summary>Asterisk answered with a final error response (SipResponse: 486, 404, 603...).</summary>
    Rejected,
    /// <summary>Answered, then Asterisk sent BYE.</summary>
    HungUpByAsterisk,
    /// <summary>The caller sent CANCEL/BYE.</summary>
    HungUpByCaller,
}

/// <summary>A request the simulator received.</summary>
public sealed record RecordedRequest(DateTimeOffset Time, string Method, string Path,
    IReadOnlyDictionary<string, string> Query, string? Body, int Status);

/// <summary>An event the simulator produced (Delivered=false when no websocket was connected for the app).</summary>
public sealed record EmittedEvent(DateTimeOffset Time, string Application, string Type, JsonObject Json, bool Delivered);

public sealed record ChannelInfo(string Id, string Name, string State, string? StasisApp, string? BridgeId, bool Originated);

public sealed record BridgeInfo(string Id, string Name, string Type, IReadOnlyList<string> Channels);

/// <summary>An inbound call placed with <see cref="AsteriskSimulator.PlaceInboundCallAsync"/>, seen from the caller's side.</summary>
public sealed class SimulatedCall
{
    private readonly AsteriskSimulator _sim;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    internal SimulatedCall(AsteriskSimulator sim, InboundCall call) { _sim = sim; Call = call; }

    public InboundCall Call { get; }
    /// <summary>Asterisk channel id, null when the call never got a channel into Stasis.</summary>
    public string? ChannelId { get; internal set; }
    public CallOutcome Outcome { get; internal set; }
    /// <summary>Final SIP response Asterisk sent to the caller's INVITE (200, 486, 404, 603...), null while pending.</summary>
    public int? SipResponse { get; internal set; }
    /// <summary>Q.850 cause Asterisk put in the Reason header of its final response / BYE.</summary>
    public int? ReasonCause { get; internal set; }
    public bool SawRinging { get; internal set; }
    /// <summary>183 Session Progress (early media) was sent.</summary>
    public bool SawEarlyMedia { get; internal set; }
    public bool Answered { get; internal set; }
    /// <summary>Channels whose early media reached this (unanswered) caller through a bridge.</summary>
    public List<string> HeardFromBridge { get; } = [];
    /// <summary>DTMF digits Asterisk sent towards the caller (POST /channels/{id}/dtmf).</summary>
    public List<string> DtmfSent { get; } = [];
    /// <summary>Talk length for recordings of this call; overrides the simulator-wide value.</summary>
    public TimeSpan? RecordingLength { get; set; }
    /// <summary>Completes when the SIP dialog ended (either side).</summary>
    public Task Ended => _ended.Task;
    public bool IsEnded => _ended.Task.IsCompleted;

    internal void End(CallOutcome outcome, int? sip, int? cause)
    {
        if (IsEnded) return;
        Outcome = outcome;
        if (sip is not null) SipResponse = sip;
        ReasonCause = cause;
        _ended.TrySetResult();
    }

    /// <summary>The caller presses a key (RFC 2833): ChannelDtmfReceived, and ends a recording whose terminateOn matches.</summary>
    public Task SendDtmfAsync(char digit, int durationMs = 100) => _sim.CallerDtmfAsync(this, digit, durationMs);
    /// <summary>The caller hangs up (BYE if answered, else CANCEL).</summary>
    public Task HangUpAsync() => _sim.CallerHangUpAsync(this);

    /// <summary>
    /// The caller hangs up just as the controller asks for <paramref name="operation"/> on the channel (e.g. "progress",
    /// "play", "answer"): the hang-up is processed first, so the request meets a channel that is gone, as on a real line
    /// where the BYE and the request cross.
    /// </summary>
    public void HangUpWhenRequested(string operation) => _hangUpOn = operation;

    private string? _hangUpOn;

    internal string? HangUpOn => _hangUpOn ?? Call.HangUpWhenRequested;
}

/// <summary>
/// A call out through a trunk (<c>PJSIP/number@trunk</c>), seen from the carrier's side: the identity its INVITE
/// presented and every connected-line update (UPDATE / re-INVITE) sent after it.
/// </summary>
public sealed class TrunkCall(string number, string trunk, string channelId)
{
    private readonly List<string> _updates = [];

    public string Number { get; } = number;
    public string Trunk { get; } = trunk;
    public string ChannelId { get; } = channelId;
    /// <summary>False until /dial sent the INVITE.</summary>
    public bool Invited { get; private set; }
    /// <summary>From / P-Asserted-Identity user of the INVITE.</summary>
    public string? FromNumber { get; private set; }
    /// <summary>From display name of the INVITE ("" for none).</summary>
    public string? FromName { get; private set; }
    /// <summary>Numbers later sent in connected-line updates, in order.</summary>
    public IReadOnlyList<string> ConnectedLineUpdates { get { lock (_updates) return _updates.ToList(); } }

    internal void MarkInvited(string number, string name)
    {
        Invited = true;
        (FromNumber, FromName) = (number, name);
    }

    internal void ConnectedLineSent(string number)
    {
        lock (_updates) _updates.Add(number);
    }
}
