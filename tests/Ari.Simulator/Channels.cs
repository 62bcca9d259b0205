using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LeadDesk.Ari.Simulator;

public sealed partial class AsteriskSimulator
{
    private static readonly HashSet<string> KnownFormats = ["ulaw", "alaw", "gsm", "g722", "g729", "slin", "slin16", "opus", "ilbc", "speex", "h264", "vp8"];

    // ---------------------------------------------------------------- originate

    private Reply Originate(Params p, string? channelId, bool dialNow)
    {
        var endpoint = p.Get("endpoint");
        if (string.IsNullOrEmpty(endpoint)) return Reply.Msg(400, "Endpoint must be specified");
        var app = p.Get("app");
        if (dialNow && string.IsNullOrEmpty(app) && string.IsNullOrEmpty(p.Get("extension")))
            return Reply.Msg(400, "Application or extension must be specified");
        if (!dialNow && string.IsNullOrEmpty(app)) return Reply.Msg(400, "Application must be specified");
        int slash = endpoint.IndexOf('/');
        if (slash <= 0) return Reply.Msg(400, "Invalid endpoint specified");
        if (p.Get("formats") is { Length: > 0 } formats)
            foreach (var f in formats.Split(','))
                if (!KnownFormats.Contains(f)) return Reply.Msg(400, $"Provided format ({f}) was not found");
        if (!string.IsNullOrEmpty(channelId) && _channels.ContainsKey(channelId))
            return Reply.Msg(409, "Channel with given unique ID already exists");
        var (tech, res) = (endpoint[..slash], endpoint[(slash + 1)..]);
        // PJSIP/<number>@<trunk>: a call out through the trunk endpoint; the channel is named after the trunk.
        var at = res.IndexOf('@', StringComparison.Ordinal);
        var (dialledNumber, endpointName) = at > 0 ? (res[..at], res[(at + 1)..]) : ((string?)null, res);
        var ep = FindEndpoint(tech, endpointName);
        if (ep is null || !ep.Online) return new Reply(500, new JsonObject { ["error"] = "Allocation failed" });

        var id = NextChannelId(out var seq);
        if (!string.IsNullOrEmpty(channelId)) id = channelId;
        var ch = new Chan
        {
            Id = id,
            Name = $"{ep.Tech}/{ep.Resource}-{seq:x8}",
            Endpoint = ep,
            Cts = CancellationTokenSource.CreateLinkedTokenSource(_life.Token),
            Created = Now,
            ProtocolId = Guid.NewGuid().ToString(),
            Context = _opt.OriginateContext,
            Originated = true,
            DialString = res,
            TimeoutSeconds = ParseInt(p.Get("timeout"), 30),
        };
        if (dialledNumber is not null)
        {
            ch.TrunkCall = new TrunkCall(dialledNumber, ep.Resource, id);
            ch.Script = _leads.TryGetValue(dialledNumber, out var lead) ? lead : null;
        }
        if (p.Get("callerId") is { Length: > 0 } cid)
        {
            (ch.CallerName, ch.CallerNumber) = ParseCallerId(cid);
            (ch.ConnName, ch.ConnNumber) = (ch.CallerName, ch.CallerNumber);
        }
        if (p.Node("variables") is JsonObject vars)
            foreach (var kv in vars) ApplyVariable(ch, kv.Key, kv.Value?.ToString() ?? "");
        if (!string.IsNullOrEmpty(app))
        {
            ch.OriginateApp = app;
            ch.AppArgs = p.Get("appArgs");
            ch.Subscribers.Add(app);
        }
        if (dialNow)
        {
            (ch.AppName, ch.AppData) = (ch.BaseAppName, ch.BaseAppData) = ("AppDial2", "(Outgoing Line)");
        }
        else
        {
            // POST /channels/create: the channel is in Stasis at once (it can join a bridge before it dials); the
            // INVITE waits for /dial. Transcript e5: StasisStart right after the 200, Dial "" only after /dial.
            ch.AwaitingDial = true;
        }
        _channels[id] = ch;
        EndpointChanged(ch.Endpoint);
        if (ch.TrunkCall is { } trunkCall && _opt.KeepHistory) _trunkCalls.Add(trunkCall);
        var snapshot = ch.Snapshot();
        return Reply.Ok(snapshot, dialNow ? () => StartDial(ch) : () => EmitStasisStart(ch));
    }

    private static (string Name, string Number) ParseCallerId(string cid)
    {
        var m = Regex.Match(cid, "^\\s*\"?([^\"<]*?)\"?\\s*<([^>]*)>\\s*$");
        return m.Success ? (m.Groups[1].Value.Trim(), m.Groups[2].Value) : ("", cid.Trim());
    }

    private JsonObject DialFields(Chan peer, string status) => new() { ["dialstatus"] = status };

    private void EmitDial(Chan peer, string status)
    {
        IEnumerable<string> apps = AppsOf(peer);
        var fields = new List<(string, JsonNode?)> { ("dialstatus", status), ("forward", ""), ("dialstring", peer.DialString) };
        if (peer.QueueCaller is { } caller)
        {
            apps = AppsOf(caller);
            fields.Add(("caller", caller.Snapshot()));
        }
        fields.Add(("peer", peer.Snapshot()));
        Emit("Dial", apps, null, fields.ToArray());
    }

    /// <summary>A created channel enters Stasis just after the 200 (its snapshot there still shows no app).</summary>
    private void EmitStasisStart(Chan ch)
    {
        if (ch.Destroyed || ch.OriginateApp is not { } app) return;
        ch.StasisApp = app;
        ch.AppName = "Stasis";
        ch.AppData = string.IsNullOrEmpty(ch.AppArgs) ? app : app + "," + ch.AppArgs;
        var args = string.IsNullOrEmpty(ch.AppArgs) ? [] : ch.AppArgs.Split(',');
        Emit("StasisStart", [app], null, ("args", new JsonArray(args.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray())), ("channel", ch.Snapshot()));
    }

    /// <summary>The INVITE goes out: Dial "" and then whatever the phone script does.</summary>
    private void StartDial(Chan ch)
    {
        if (ch.Destroyed || ch.DialStarted) return;
        ch.DialStarted = true;
        if (ch.TrunkCall is { } trunk)
        {
            // chan_pjsip builds From and P-Asserted-Identity of the first INVITE from the channel's connected line,
            // which a dial or an originate fills from the caller ID; a channel from /channels/create has none until
            // the application sets it. CALLERID alone is not presented: seen on Asterisk 22.10.1 (AsteriskConfig.Tests
            // OutboundCallTests), such an INVITE carries From "Anonymous" <sip:anonymous@anonymous.invalid> and no PAI.
            var (fromNumber, fromName) = ch.ConnNumber.Length > 0 ? (ch.ConnNumber, ch.ConnName) : ("anonymous", "Anonymous");
            trunk.MarkInvited(fromNumber, fromName);
        }
        EmitDial(ch, "");
        var script = ch.Script ?? ch.Endpoint.Script;
        var ct = ch.Cts.Token;
        switch (script.Behaviour)
        {
            case PhoneBehaviour.AnswerAfter:
                PhoneRinging(ch);
                if (script.EarlyMedia) PhoneProgress(ch);
                Schedule(script.Delay, ct, () => PhoneAnswered(ch));
                break;
            case PhoneBehaviour.Busy486:
                if (script.Rings) PhoneRinging(ch);
                Schedule(script.Delay, ct, () => PhoneFailed(ch, 17, 486, "BUSY"));
                break;
            case PhoneBehaviour.RingForever:
                PhoneRinging(ch);
                if (script.EarlyMedia) PhoneProgress(ch);
                break;
            case PhoneBehaviour.Unreachable:
                if (ch.TimeoutSeconds <= 0 || TimeSpan.FromSeconds(ch.TimeoutSeconds) > _opt.SipTimerB)
                    Schedule(_opt.SipTimerB, ct, () => PhoneFailed(ch, 18, 408, "NOANSWER"));
                break;
        }
        if (ch.TimeoutSeconds > 0 && ch.QueueCaller is null)
            Schedule(TimeSpan.FromSeconds(ch.TimeoutSeconds), ct, () => DialTimeout(ch));
    }

    private void PhoneRinging(Chan ch)
    {
        if (ch.Destroyed || ch.State != "Down") return;
        if (ch.QueueCaller is { } caller) (ch.ConnName, ch.ConnNumber, ch.Exten) = (caller.CallerName, caller.CallerNumber, caller.Exten);
        if (ch.QueueCaller is null)
        {
            // Queue member legs stay "Down" while ringing in the transcript (g2); originated ones go to Ringing.
            ch.State = "Ringing";
            Emit("ChannelStateChange", AppsOf(ch), null, ("channel", ch.Snapshot()));
        }
        EmitDial(ch, "RINGING");
        IndicateToBridgePeers(ch, early: false);
    }

    /// <summary>183 with the far end's own ringback or announcement: Dial PROGRESS, and the audio flows into the bridge.</summary>
    private void PhoneProgress(Chan ch)
    {
        if (ch.Destroyed || ch.DialFinished) return;
        EmitDial(ch, "PROGRESS");
        IndicateToBridgePeers(ch, early: true);
    }

    /// <summary>
    /// A bridge passes a dialled channel's indications (180, 183 and its early media) to the unanswered channels
    /// bridged with it: what lets an agent hear the lead's own ringback when the lead's channel was bridged
    /// before it was dialled.
    /// </summary>
    private void IndicateToBridgePeers(Chan ch, bool early)
    {
        if (ch.BridgeId is not { } bid || !_bridges.TryGetValue(bid, out var br)) return;
        foreach (var peerId in br.Channels)
        {
            if (peerId == ch.Id || !_channels.TryGetValue(peerId, out var peer) || peer.Call is not { Answered: false } call) continue;
            call.SawRinging = true;
            if (early)
            {
                call.SawEarlyMedia = true;
                call.HeardFromBridge.Add(ch.Id);
            }
        }
    }

    private void PhoneAnswered(Chan ch)
    {
        if (ch.Destroyed || ch.DialFinished) return;
        ch.State = "Up";
        ch.DialFinished = true;
        if (ch.QueueCaller is null) Emit("ChannelStateChange", AppsOf(ch), null, ("channel", ch.Snapshot()));
        EmitDial(ch, "ANSWER");
        if (ch.QueueCaller is { State: not "Up" } queued)
        {
            // Queue() answers its caller when a member connects.
            queued.State = "Up";
            if (queued.Call is { } call) { call.Answered = true; call.SipResponse = 200; call.Outcome = CallOutcome.Answered; }
        }
        if (ch.OriginateApp is { } app && ch.StasisApp is null && ch.QueueCaller is null)
        {
            ch.StasisApp = app;
            ch.AppName = "Stasis";
            ch.AppData = string.IsNullOrEmpty(ch.AppArgs) ? app : app + "," + ch.AppArgs;
            var args = string.IsNullOrEmpty(ch.AppArgs) ? [] : ch.AppArgs.Split(',');
            Emit("StasisStart", [app], null, ("args", new JsonArray(args.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray())), ("channel", ch.Snapshot()));
        }
        if ((ch.Script ?? ch.Endpoint.Script).HangUpAfterAnswer is { } after)
            Schedule(after, ch.Cts.Token, () => RemoteHangup(ch));
    }

    /// <summary>Final failure response from the phone (486 busy, Timer B 408).</summary>
    private void PhoneFailed(Chan ch, int cause, int tech, string dialStatus)
    {
        if (ch.Destroyed || ch.DialFinished) return;
        Terminate(ch, new JsonObject { ["cause"] = cause, ["tech_cause"] = tech }, dialStatus, cause, tech);
    }

    /// <summary>The originate/dial timeout: CANCEL with cause 19; no final Dial event.</summary>
    private void DialTimeout(Chan ch)
    {
        if (ch.Destroyed || ch.DialFinished) return;
        var req = ch.StasisApp is not null ? new JsonObject { ["cause"] = 32, ["soft"] = true } : null;
        Terminate(ch, req, null, 19, 480);
    }

    /// <summary>The far end sends BYE (or CANCEL before answer).</summary>
    private void RemoteHangup(Chan ch)
    {
        if (ch.Destroyed) return;
        if (ch.StasisApp is null && ch.Call is not null && !ch.Originated)
        {
            // A channel back in the dialplan (continue): the BYE, then the dialplan app's own soft hangup.
            Emit("ChannelHangupRequest", AppsOf(ch), null, ("channel", ch.Snapshot()));
            Terminate(ch, new JsonObject { ["cause"] = 16, ["soft"] = true }, "CANCEL", 16, 0);
            return;
        }
        Terminate(ch, new JsonObject(), "CANCEL", 16, 0);
    }

    private Reply HangupByApp(string id, Params p)
    {
        if (!_channels.TryGetValue(id, out var ch)) return Reply.Msg(404, "Channel not found");
        var reason = p.Get("reason");
        var code = p.Get("reason_code");
        if (reason is not null && code is not null) return Reply.Msg(400, "The reason and reason_code can't both be specified");
        int cause = 16;
        if (code is not null) cause = ParseInt(code, 16);
        else if (reason is not null)
        {
            if (ReasonToCause(reason) is not { } c) return Reply.Msg(400, "Invalid reason for hangup provided");
            cause = c;
        }
        if (ch.Originated && !ch.DialStarted && !ch.AwaitingDial) StartDial(ch);
        Terminate(ch, new JsonObject { ["cause"] = 32, ["soft"] = true }, "NOANSWER", cause, 0);
        return Reply.NoContent();
    }

    /// <summary>
    /// Ends a channel: ChannelHangupRequest (when <paramref name="hangupRequest"/> is not null), the final Dial (if the dial
    /// is still open and <paramref name="finalDial"/> says so), playback/recording ends, ChannelLeftBridge, StasisEnd,
    /// then ChannelDestroyed for apps subscribed beyond Stasis (originate app, explicit subscriptions).
    /// </summary>
    private void Terminate(Chan ch, JsonObject? hangupRequest, string? finalDial, int cause, int techCause)
    {
        if (ch.Destroyed) return;
        if (hangupRequest is not null)
            Emit("ChannelHangupRequest", AppsOf(ch), hangupRequest.Count == 0 ? null : hangupRequest, ("channel", ch.Snapshot()));
        if (finalDial is not null && ch.DialStarted && !ch.DialFinished)
        {
            ch.DialFinished = true;
            EmitDial(ch, finalDial == "CANCEL" ? "CANCEL" : finalDial);
        }
        ch.DialFinished = true;
        if (ch.Recording is { } rec) FinishRecording(rec, "done");
        if (ch.CurrentPlayback is { } pb) FinishPlayback(pb, "done", startNext: false);
        foreach (var q in ch.QueuedPlaybacks) _playbacks.Remove(q.Id);
        ch.QueuedPlaybacks.Clear();
        if (ch.BridgeId is { } bid && _bridges.TryGetValue(bid, out var br)) LeaveBridge(br, ch);
        if (ch.StasisApp is { } app)
        {
            Emit("StasisEnd", [app], null, ("channel", ch.Snapshot()));
            ch.StasisApp = null;
        }
        ch.AwaitingDial = false;
        (ch.AppName, ch.AppData) = (ch.BaseAppName, ch.BaseAppData);
        ch.Destroyed = true;
        var destroyed = new List<(string, JsonNode?)> { ("cause", cause), ("cause_txt", CauseText(cause)) };
        if (techCause != 0) destroyed.Add(("tech_cause", techCause));
        destroyed.Add(("channel", ch.Snapshot()));
        Emit("ChannelDestroyed", ch.Subscribers, null, destroyed.ToArray());
        _channels.Remove(ch.Id);
        EndpointChanged(ch.Endpoint);
        ch.Cts.Cancel();
        if (ch.Call is { } call && !call.IsEnded)
        {
            if (hangupRequest is { Count: 0 } || finalDial == "CANCEL" && hangupRequest is null || call.Outcome == CallOutcome.HungUpByCaller)
                call.End(CallOutcome.HungUpByCaller, call.SipResponse, null);
            else if (call.Answered) call.End(CallOutcome.HungUpByAsterisk, 200, cause);
            else call.End(CallOutcome.Rejected, SipForCause(cause), cause);
        }
        // Queue legs end together.
        if (ch.QueueMember is { Destroyed: false } member) Terminate(member, null, null, 16, 0);
        if (ch.QueueCaller is { Destroyed: false, InQueue: true } qc && ch.State == "Up") RemoteHangupQueueCaller(qc);
    }

    private void RemoteHangupQueueCaller(Chan caller)
    {
        caller.QueueMember = null;
        Terminate(caller, new JsonObject { ["cause"] = 16, ["soft"] = true }, null, 16, 0);
    }

    // ---------------------------------------------------------------- inbound calls

    /// <summary>A call arrives from the trunk and runs Stasis(App, Args). Fails with 603 when the app has no websocket.</summary>
    public async Task<SimulatedCall> PlaceInboundCallAsync(InboundCall call)
    {
        var sc = new SimulatedCall(this, call) { RecordingLength = call.RecordingLength };
        lock (_gate)
        {
            if (!_apps.TryGetValue(call.App, out var st) || st.Conn is null)
            {
                sc.End(CallOutcome.Rejected, 603, null);
                return sc;
            }
            if (!_endpoints.TryGetValue("PJSIP/" + call.Endpoint, out var ep))
                _endpoints["PJSIP/" + call.Endpoint] = ep = new Endpoint("PJSIP", call.Endpoint, PhoneScript.AnswerAfter(TimeSpan.Zero));
            var id = NextChannelId(out var seq);
            var ch = new Chan
            {
                Id = id,
                Name = $"PJSIP/{call.Endpoint}-{seq:x8}",
                Endpoint = ep,
                Cts = CancellationTokenSource.CreateLinkedTokenSource(_life.Token),
                Created = Now,
                State = "Ring",
                ProtocolId = $"{seq}-sim@127.0.0.2",
                CallerName = call.CallerName,
                CallerNumber = call.CallerNumber,
                Context = call.Context,
                Exten = call.Exten,
                Priority = call.Priority,
                AppName = "Stasis",
                AppData = string.Join(",", new[] { call.App }.Concat(call.Args)),
                StasisApp = call.App,
                Call = sc,
                DialStarted = true,
                DialFinished = true,
            };
            _channels[id] = ch;
            EndpointChanged(ch.Endpoint);
        EndpointChanged(ch.Endpoint);
            sc.ChannelId = id;
            _probeChannel = new ProbeMark(id, call.Args.FirstOrDefault() == "outbound");
            Emit("StasisStart", [call.App], null, ("args", new JsonArray(call.Args.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray())), ("channel", ch.Snapshot()));
            _probeChannel = null;
        }
        await FlushEventsAsync().ConfigureAwait(false);
        return sc;
    }

    internal async Task CallerHangUpAsync(SimulatedCall call)
    {
        lock (_gate)
        {
            if (call.ChannelId is null || !_channels.TryGetValue(call.ChannelId, out var ch)) return;
            call.Outcome = CallOutcome.HungUpByCaller;
            RemoteHangup(ch);
        }
        await FlushEventsAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The phone on <paramref name="channelId"/> (an agent's leg) hangs up now: the same BYE a scripted
    /// <c>hangUpAfterAnswer</c> sends, for tests that need it at a moment of their choosing.
    /// </summary>
    public async Task PhoneHangUpAsync(string channelId)
    {
        lock (_gate)
        {
            if (!_channels.TryGetValue(channelId, out var ch)) return;
            RemoteHangup(ch);
        }
        await FlushEventsAsync().ConfigureAwait(false);
    }

    internal async Task CallerDtmfAsync(SimulatedCall call, char digit, int durationMs)
    {
        lock (_gate)
        {
            if (call.ChannelId is null || !_channels.TryGetValue(call.ChannelId, out var ch)) return;
            DtmfReceived(ch, digit, durationMs);
        }
        await FlushEventsAsync().ConfigureAwait(false);
    }

    private void DtmfReceived(Chan ch, char digit, int durationMs)
    {
        Emit("ChannelDtmfReceived", AppsOf(ch), null, ("digit", digit.ToString()), ("duration_ms", durationMs), ("channel", ch.Snapshot()));
        if (ch.Recording is { } rec && (rec.TerminateOn == "any" || rec.TerminateOn.Contains(digit, StringComparison.Ordinal)))
            FinishRecording(rec, "done");
    }

    // ---------------------------------------------------------------- channel operations

    private bool ProgressSupported()
    {
        var parts = _opt.AsteriskVersion.Split('.', '-');
        int major = ParseInt(parts.ElementAtOrDefault(0), 0), minor = ParseInt(parts.ElementAtOrDefault(1), 0);
        return major switch { 20 => minor >= 16, 21 => minor >= 11, 22 => minor >= 6, _ => major >= 23 };
    }

    private Reply ChannelOp(string m, string id, string op, Params p)
    {
        if (op == "progress" && !ProgressSupported()) return ResourceNotFound;
        if (!ChannelOps.Contains(op)) return ResourceNotFound;
        if (!_channels.TryGetValue(id, out var ch)) return Reply.Msg(404, "Channel not found");
        bool needsStasis = op != "rtp_statistics";
        if (needsStasis && !ch.InStasisOrPending) return Reply.Msg(409, "Channel not in Stasis application");
        switch (op, m)
        {
            case ("answer", "POST"):
                if (ch.State != "Up")
                {
                    ch.State = "Up";
                    Emit("ChannelStateChange", AppsOf(ch), null, ("channel", ch.Snapshot()));
                    if (ch.Call is { } call) { call.Answered = true; call.SipResponse = 200; call.Outcome = CallOutcome.Answered; }
                }
                return Reply.NoContent();
            case ("ring", "POST"):
                if (ch.Call is { } rc && ch.State != "Up") rc.SawRinging = true;
                return Reply.NoContent();
            case ("ring", "DELETE"): return Reply.NoContent();
            case ("progress", "POST"):
                if (ch.Call is { } pc && ch.State != "Up") pc.SawEarlyMedia = true;
                return Reply.NoContent();
            case ("continue", "POST"): return Continue(ch, p);
            case ("play", "POST"): return PlayOnChannel(id, p, p.Get("playbackId"), forceQueued: false);
            case ("record", "POST"): return StartRecording(ch, p);
            case ("moh", "POST"):
                AddPlayed(ch.Id, "moh:" + (p.Get("mohClass") ?? "default"));
                return Reply.NoContent();
            case ("moh", "DELETE"): return Reply.NoContent();
            case ("dtmf", "POST"):
                if (string.IsNullOrEmpty(p.Get("dtmf"))) return Reply.Msg(400, "DTMF is required");
                ch.Call?.DtmfSent.Add(p.Get("dtmf")!);
                return Reply.NoContent();
            case ("dial", "POST"): return Dial(ch, p);
            case ("hold" or "mute" or "silence", "POST" or "DELETE"): return Reply.NoContent();
            default: return InvalidMethod;
        }
    }

    private Reply Dial(Chan ch, Params p)
    {
        if (!ch.AwaitingDial || ch.DialStarted) return Reply.Msg(409, "Channel is not in the 'Down' state");
        ch.AwaitingDial = false;
        ch.TimeoutSeconds = ParseInt(p.Get("timeout"), 0);
        return Reply.NoContent(() => StartDial(ch));
    }

    private Reply Continue(Chan ch, Params p)
    {
        if (ch.StasisApp is null) return Reply.Msg(409, "Channel not in Stasis application");
        if (ch.Recording is { } rec) FinishRecording(rec, "done");
        if (ch.CurrentPlayback is { } pb) FinishPlayback(pb, "done", startNext: false);
        if (ch.BridgeId is { } bid && _bridges.TryGetValue(bid, out var br)) LeaveBridge(br, ch);
        Emit("StasisEnd", [ch.StasisApp], null, ("channel", ch.Snapshot()));
        ch.StasisApp = null;
        var origExten = ch.Exten;
        ch.Context = p.Get("context") is { Length: > 0 } c ? c : ch.Context;
        ch.Exten = p.Get("extension") is { Length: > 0 } e ? e : ch.Exten;
        ch.Priority = p.Int("priority") ?? ch.Priority + 1;
        (ch.AppName, ch.AppData) = ("", "");
        if (_stasisLoops.FirstOrDefault(l => l.Context == ch.Context && l.Exten == ch.Exten) is { App: not null } loop)
        {
            var again = ch;
            Schedule(TimeSpan.Zero, ch.Cts.Token, () =>
            {
                if (again.Destroyed) return;
                again.StasisApp = loop.App;
                again.AppName = "Stasis";
                again.AppData = string.Join(",", new[] { loop.App }.Concat(loop.Args));
                Emit("StasisStart", [loop.App], null, ("args", new JsonArray(loop.Args.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray())), ("channel", again.Snapshot()));
            });
            return Reply.NoContent();
        }
        var queue = _queues.FirstOrDefault(q => q.Context == ch.Context && q.Exten == ch.Exten);
        if (queue is not null)
        {
            ch.InQueue = true;
            ch.Priority = 3;
            ch.AppName = "Queue";
            ch.AppData = queue.QueueName + ",,,,20";
            (ch.ConnName, ch.ConnNumber) = ("", origExten);
            var member = queue.Members.Select(mm => SplitEndpoint(mm)).Select(t => FindEndpoint(t.Tech, t.Resource)).FirstOrDefault(x => x is { Online: true });
            if (member is not null)
            {
                var mid = NextChannelId(out var seq);
                var leg = new Chan
                {
                    Id = mid,
                    Name = $"{member.Tech}/{member.Resource}-{seq:x8}",
                    Endpoint = member,
                    Cts = CancellationTokenSource.CreateLinkedTokenSource(_life.Token),
                    Created = Now,
                    ProtocolId = Guid.NewGuid().ToString(),
                    Context = _opt.OriginateContext,
                    CallerNumber = origExten,
                    AppName = "AppQueue",
                    AppData = "(Outgoing Line)",
                    BaseAppName = "AppQueue",
                    BaseAppData = "(Outgoing Line)",
                    QueueCaller = ch,
                    DialString = member.Tech + "/" + member.Resource,
                    TimeoutSeconds = 0,
                };
                ch.QueueMember = leg;
                _channels[mid] = leg;
                EndpointChanged(leg.Endpoint);
                var chRef = ch;
                Schedule(TimeSpan.Zero, leg.Cts.Token, () =>
                {
                    StartDial(leg);
                    if (leg.State == "Up") chRef.State = "Up";
                });
            }
        }
        return Reply.NoContent();
    }

    private Reply GetVariable(string id, Params p)
    {
        if (!_channels.TryGetValue(id, out var ch)) return Reply.Msg(404, "Provided channel was not found");
        var name = p.Get("variable");
        if (string.IsNullOrEmpty(name)) return Reply.Msg(400, "Variable name is required");
        string? value = name switch
        {
            "CALLERID(num)" => ch.CallerNumber,
            "CALLERID(name)" => ch.CallerName,
            "CHANNEL(name)" => ch.Name,
            "UNIQUEID" => ch.Id,
            "EXTEN" => ch.Exten,
            "CONTEXT" => ch.Context,
            _ => ch.Vars.TryGetValue(name, out var v) ? v : null,
        };
        return value is null ? Reply.Msg(404, "Provided variable was not found") : Reply.Ok(new JsonObject { ["value"] = value });
    }

    private Reply SetVariable(string id, Params p)
    {
        if (!_channels.TryGetValue(id, out var ch)) return Reply.Msg(404, "Channel not found");
        var name = p.Get("variable");
        if (string.IsNullOrEmpty(name)) return Reply.Msg(400, "Variable name is required");
        ApplyVariable(ch, name, p.Get("value") ?? "");
        return Reply.NoContent();
    }

    /// <summary>A channel variable set by POST /variable or given in an originate's or create's <c>variables</c>.</summary>
    private void ApplyVariable(Chan ch, string name, string value)
    {
        // The dialplan functions an application sets a caller ID with; the ",i" form of CONNECTEDLINE sets the
        // party without sending an update.
        switch (name)
        {
            case "CALLERID(num)": ch.CallerNumber = value; break;
            case "CALLERID(name)": ch.CallerName = value; break;
            case "CALLERID(all)": (ch.CallerName, ch.CallerNumber) = ParseCallerId(value); break;
            case "CONNECTEDLINE(num)" or "CONNECTEDLINE(num,i)": ch.ConnNumber = value; break;
            case "CONNECTEDLINE(name)" or "CONNECTEDLINE(name,i)": ch.ConnName = value; break;
            default: ch.Vars[name] = value; break;
        }
        if (name.StartsWith("CONNECTEDLINE(", StringComparison.Ordinal) && !name.EndsWith(",i)", StringComparison.Ordinal) && ch.DialStarted)
            ch.TrunkCall?.ConnectedLineSent(ch.ConnNumber);
    }
}
