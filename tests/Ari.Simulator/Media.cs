using System.Text.Json.Nodes;

namespace LeadDesk.Ari.Simulator;

public sealed partial class AsteriskSimulator
{
    // ---------------------------------------------------------------- playbacks

    private Reply PlayOnChannel(string id, Params p, string? playbackId, bool forceQueued)
    {
        if (!_channels.TryGetValue(id, out var ch)) return Reply.Msg(404, "Channel not found");
        if (!ch.InStasisOrPending) return Reply.Msg(409, "Channel not in Stasis application");
        var media = p.Get("media");
        if (string.IsNullOrEmpty(media)) return Reply.Msg(400, "Missing parameter media");
        playbackId ??= Guid.NewGuid().ToString();
        if (_playbacks.ContainsKey(playbackId)) return Reply.Msg(409, "Playback with given id already exists");
        var pb = new Playback
        {
            Id = playbackId, Media = media.Split(',').ToList(), TargetUri = "channel:" + ch.Id,
            Language = p.Get("lang") ?? "en", Channel = ch,
        };
        _playbacks[pb.Id] = pb;
        var queuedSnapshot = pb.Snapshot();
        ch.QueuedPlaybacks.Add(pb);
        if (ch.CurrentPlayback is null) StartNextPlayback(ch);
        return new Reply(201, forceQueued ? queuedSnapshot : pb.Snapshot());
    }

    private Reply PlayOnBridge(string id, Params p, string? playbackId, bool forceQueued)
    {
        if (!_bridges.TryGetValue(id, out var br)) return Reply.Msg(404, "Bridge not found");
        var media = p.Get("media");
        if (string.IsNullOrEmpty(media)) return Reply.Msg(400, "Missing parameter media");
        playbackId ??= Guid.NewGuid().ToString();
        if (_playbacks.ContainsKey(playbackId)) return Reply.Msg(409, "Playback with given id already exists");
        var pb = new Playback
        {
            Id = playbackId, Media = media.Split(',').ToList(), TargetUri = "bridge:" + br.Id,
            Language = p.Get("lang") ?? "en", Bridge = br,
        };
        _playbacks[pb.Id] = pb;
        var queuedSnapshot = pb.Snapshot();
        br.QueuedPlaybacks.Add(pb);
        if (br.CurrentPlayback is null) StartNextPlayback(br);
        return new Reply(201, forceQueued ? queuedSnapshot : pb.Snapshot());
    }

    private IEnumerable<string> PlaybackApps(Playback pb) =>
        pb.Channel is { } c ? AppsOf(c) : pb.Bridge is { } b ? AppsOf(b).Concat(b.Channels.Where(_channels.ContainsKey).SelectMany(x => AppsOf(_channels[x]))) : [];

    private void StartNextPlayback(Chan ch)
    {
        if (ch.QueuedPlaybacks.Count == 0) return;
        var pb = ch.QueuedPlaybacks[0];
        ch.QueuedPlaybacks.RemoveAt(0);
        ch.CurrentPlayback = pb;
        foreach (var m in pb.Media) AddPlayed(ch.Id, m);
        BeginPlayback(pb, ch.Cts.Token);
    }

    private void StartNextPlayback(Bridge br)
    {
        if (br.QueuedPlaybacks.Count == 0) return;
        var pb = br.QueuedPlaybacks[0];
        br.QueuedPlaybacks.RemoveAt(0);
        br.CurrentPlayback = pb;
        foreach (var c in br.Channels) foreach (var m in pb.Media) AddPlayed(c, m);
        BeginPlayback(pb, _life.Token);
    }

    private void BeginPlayback(Playback pb, CancellationToken ct)
    {
        if (pb.Fetched is null && pb.Media.Any(IsHttpMedia))
        {
            // res_http_media_cache fetches the URL before the playback starts; off the lock, like Asterisk's curl.
            _ = FetchThenPlayAsync(pb, ct);
            return;
        }

        pb.State = "playing";
        Emit("PlaybackStarted", PlaybackApps(pb), null, ("playback", pb.Snapshot()));
        TimeSpan total = TimeSpan.Zero;
        bool failed = false;
        foreach (var m in pb.Media)
        {
            if (m.StartsWith("recording:", StringComparison.Ordinal) && !_stored.ContainsKey(m["recording:".Length..]))
            {
                // As Asterisk 22.10.1 does: "Attempted to play recording ... but recording does not exist", no
                // PlaybackFinished for this playback ever, and the channel goes straight on to its next queued media.
                if (pb.Channel is { } waiting && waiting.CurrentPlayback == pb) { waiting.CurrentPlayback = null; StartNextPlayback(waiting); }
                return;
            }

            var len = IsHttpMedia(m) ? pb.Fetched![m] : MediaLength(m);
            if (len is null) { failed = true; break; }
            if (len == Timeout.InfiniteTimeSpan) return; // tones never end by themselves
            total += len.Value;
        }
        Schedule(failed ? TimeSpan.Zero : total, ct, () =>
        {
            if (_playbacks.TryGetValue(pb.Id, out var cur) && cur == pb && pb.State == "playing")
                FinishPlayback(pb, failed ? "failed" : "done", startNext: true);
        });
    }

    private static bool IsHttpMedia(string media) =>
        media.StartsWith("sound:http://", StringComparison.Ordinal) || media.StartsWith("sound:https://", StringComparison.Ordinal);

    private static readonly HttpClient MediaClient = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>URLs fetched for playbacks, in order (what Asterisk's media cache asked the web server for).</summary>
    public IReadOnlyList<string> FetchedMedia { get { lock (_gate) return _fetchedMedia.ToList(); } }

    private readonly List<string> _fetchedMedia = [];

    private async Task FetchThenPlayAsync(Playback pb, CancellationToken ct)
    {
        var fetched = new Dictionary<string, TimeSpan?>(StringComparer.Ordinal);
        foreach (var m in pb.Media.Where(IsHttpMedia).Distinct())
        {
            TimeSpan? length = null;
            try
            {
                using var response = await MediaClient.GetAsync(m["sound:".Length..], ct).ConfigureAwait(false);
                var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                // Asterisk takes the format from Content-Type audio/wav; anything else is "does not exist in any format".
                if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "audio/wav")
                    length = Wav.Length(bytes);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            fetched[m] = length;
            lock (_gate) _fetchedMedia.Add(m["sound:".Length..]);
        }

        lock (_gate)
        {
            if (_disposed || !_playbacks.ContainsKey(pb.Id)) return;
            pb.Fetched = fetched;
            BeginPlayback(pb, ct);
        }

        await FlushEventsAsync().ConfigureAwait(false);
    }

    /// <summary>null = media does not exist; Infinite = never ends.</summary>
    private TimeSpan? MediaLength(string media)
    {
        int colon = media.IndexOf(':');
        var (scheme, id) = colon < 0 ? ("", media) : (media[..colon], media[(colon + 1)..]);
        return scheme switch
        {
            "tone" => Timeout.InfiniteTimeSpan,
            "sound" => MissingSounds.Contains(id) ? null : SoundDurations.TryGetValue(id, out var d) ? d : _opt.SoundDuration,
            "recording" => _stored.TryGetValue(id, out var r) ? r.Length : null,
            "digits" or "number" or "characters" => _opt.SoundDuration,
            _ => null,
        };
    }

    private void FinishPlayback(Playback pb, string state, bool startNext)
    {
        pb.State = state;
        Emit("PlaybackFinished", PlaybackApps(pb), null, ("playback", pb.Snapshot()));
        _playbacks.Remove(pb.Id);
        if (pb.Channel is { } ch && ch.CurrentPlayback == pb)
        {
            ch.CurrentPlayback = null;
            if (startNext && !ch.Destroyed) StartNextPlayback(ch);
        }
        if (pb.Bridge is { } br && br.CurrentPlayback == pb)
        {
            br.CurrentPlayback = null;
            if (startNext && _bridges.ContainsKey(br.Id)) StartNextPlayback(br);
        }
    }

    private Reply StopPlayback(string id)
    {
        if (!_playbacks.TryGetValue(id, out var pb)) return Reply.Msg(404, "Playback not found");
        if (pb.State == "playing") FinishPlayback(pb, "done", startNext: true);
        else
        {
            _playbacks.Remove(id);
            pb.Channel?.QueuedPlaybacks.Remove(pb);
            pb.Bridge?.QueuedPlaybacks.Remove(pb);
        }
        return Reply.NoContent();
    }

    // ---------------------------------------------------------------- recordings

    private Reply StartRecording(Chan ch, Params p)
    {
        var name = p.Get("name");
        var format = p.Get("format");
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(format)) return Reply.Msg(400, "Missing parameter name or format");
        if (format != "wav") return Reply.Msg(422, "Unknown format: " + format);
        if (FailRecordings) return Reply.Msg(500, "Internal Server Error");
        var ifExists = p.Get("ifExists") ?? "fail";
        if (_liveRecordings.ContainsKey(name)) return Reply.Msg(409, "Recording with the same name already in progress");
        if (ifExists == "fail" && _stored.ContainsKey(name)) return Reply.Msg(409, "Recording with the same name already exists");
        if (ch.Recording is not null) return Reply.Msg(409, "Channel is already recording");
        var rec = new LiveRecording
        {
            Name = name, Format = format, Channel = ch, TerminateOn = p.Get("terminateOn") ?? "none",
            TalkLength = ch.Call?.RecordingLength ?? RecordingLength,
        };
        ch.Recording = rec;
        _liveRecordings[name] = rec;
        var snapshot = rec.Snapshot();
        int max = p.Int("maxDurationSeconds") ?? 0, silence = p.Int("maxSilenceSeconds") ?? 0;
        return new Reply(201, snapshot, After: () =>
        {
            if (ch.Recording != rec || rec.State != "queued") return;
            rec.State = "recording";
            rec.StartedTicks = _opt.TimeProvider.GetTimestamp();
            Emit("RecordingStarted", AppsOf(ch), null, ("recording", rec.Snapshot()));
            // When does it end by itself? maxDuration, the caller pressing # after talking, or silence after talking.
            TimeSpan? end = max > 0 ? TimeSpan.FromSeconds(max) : null;
            Action? finish = () => FinishRecording(rec, "done", end);
            if (rec.TalkLength is { } talk)
            {
                bool hash = rec.TerminateOn == "any" || rec.TerminateOn.Contains('#', StringComparison.Ordinal);
                if (hash && (end is null || talk < end))
                {
                    end = talk;
                    finish = () => { rec.ScriptedLength = talk; DtmfReceived(ch, '#', 100); };
                }
                else if (silence > 0 && (end is null || talk + TimeSpan.FromSeconds(silence) < end))
                {
                    end = talk + TimeSpan.FromSeconds(silence);
                    finish = () => FinishRecording(rec, "done", talk); // trailing silence is trimmed
                }
            }
            if (end is { } e) Schedule(e, ch.Cts.Token, () => { if (ch.Recording == rec) finish(); });
        });
    }

    private void FinishRecording(LiveRecording rec, string state, TimeSpan? length = null)
    {
        var ch = rec.Channel;
        if (ch.Recording != rec) return;
        ch.Recording = null;
        _liveRecordings.Remove(rec.Name);
        var elapsed = rec.StartedTicks == 0 ? TimeSpan.Zero
            : TimeSpan.FromTicks((long)(_opt.TimeProvider.GetElapsedTime(rec.StartedTicks).Ticks / Math.Max(_opt.TimeScale, 1e-9)));
        var len = length ?? rec.ScriptedLength ?? (rec.TalkLength is { } t && t < elapsed ? t : elapsed);
        rec.State = state;
        var snap = rec.Snapshot();
        if (state == "done")
        {
            snap["duration"] = (int)Math.Floor(len.TotalSeconds);
            _stored[rec.Name] = new StoredRecording(rec.Name, rec.Format, Wav.Create(len));
        }
        Emit("RecordingFinished", AppsOf(ch), null, ("recording", snap));
    }

    private Reply EndRecording(string name, bool cancel)
    {
        if (!_liveRecordings.TryGetValue(name, out var rec)) return Reply.Msg(404, "Recording not found");
        FinishRecording(rec, cancel ? "canceled" : "done");
        return Reply.NoContent();
    }

    // ---------------------------------------------------------------- bridges

    private static readonly HashSet<string> BridgeTypes = ["mixing", "holding", "dtmf_events", "proxy_media", "video_sfu", "video_single", "sdp_label"];

    private Reply CreateBridge(Params p, string? id)
    {
        var types = (p.Get("type") ?? "mixing").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (types.Any(t => !BridgeTypes.Contains(t)))
            return Reply.Msg(500, $"Unable to create bridge. Possible duplicate bridge id '{id ?? "(null)"}'");
        id ??= Guid.NewGuid().ToString();
        if (_bridges.TryGetValue(id, out var existing)) return Reply.Ok(existing.Snapshot());
        var type = types.Contains("holding") ? "holding" : "mixing";
        var br = new Bridge
        {
            Id = id, Name = p.Get("name") ?? "", Type = type, Created = Now,
            Technology = type == "holding" ? "holding_bridge" : "simple_bridge",
        };
        _bridges[id] = br;
        return Reply.Ok(br.Snapshot());
    }

    private Reply DestroyBridge(string id)
    {
        if (!_bridges.TryGetValue(id, out var br)) return Reply.Msg(404, "Bridge not found");
        foreach (var cid in br.Channels.ToList()) if (_channels.TryGetValue(cid, out var ch)) LeaveBridge(br, ch);
        if (br.CurrentPlayback is { } pb) FinishPlayback(pb, "done", startNext: false);
        foreach (var q in br.QueuedPlaybacks) _playbacks.Remove(q.Id);
        _bridges.Remove(id);
        Emit("BridgeDestroyed", AppsOf(br), null, ("bridge", br.Snapshot()));
        return Reply.NoContent();
    }

    private Reply BridgeOp(string m, string id, string op, Params p)
    {
        if (op is not ("addChannel" or "removeChannel" or "play" or "moh" or "videoSource")) return ResourceNotFound;
        if (!_bridges.TryGetValue(id, out var br)) return Reply.Msg(404, "Bridge not found");
        switch (op, m)
        {
            case ("play", "POST"): return PlayOnBridge(id, p, p.Get("playbackId"), forceQueued: false);
            case ("moh", "POST" or "DELETE"): return Reply.NoContent();
            case ("addChannel", "POST"):
            case ("removeChannel", "POST"):
                {
                    var list = p.Get("channel");
                    if (string.IsNullOrEmpty(list)) return Reply.Msg(400, "Missing parameter channel");
                    var chans = new List<Chan>();
                    foreach (var cid in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!_channels.TryGetValue(cid, out var c)) return Reply.Msg(400, "Channel not found");
                        chans.Add(c);
                    }
                    if (op == "addChannel")
                    {
                        // A created channel can join a bridge only once it entered Stasis (after the create's 200): 422 before, as on Asterisk 22.10.1.
                        if (chans.Any(c => c.StasisApp is null)) return Reply.Msg(422, "Channel not in Stasis application");
                        var inhibit = string.Equals(p.Get("inhibitConnectedLineUpdates"), "true", StringComparison.OrdinalIgnoreCase);
                        foreach (var c in chans)
                        {
                            c.InhibitConnectedLine = inhibit;
                            if (c.BridgeId == br.Id) continue;
                            if (c.BridgeId is { } old && _bridges.TryGetValue(old, out var ob)) LeaveBridge(ob, c);
                            br.Channels.Add(c.Id);
                            c.BridgeId = br.Id;
                            foreach (var a in AppsOf(c)) br.Subscribers.Add(a);
                            Emit("ChannelEnteredBridge", AppsOf(br).Concat(AppsOf(c)), null, ("bridge", br.Snapshot()), ("channel", c.Snapshot()));
                        }
                        if (br.Type == "mixing" && br.Channels.Count >= 2) br.Technology = "native_rtp";
                        if (br.Channels.Count == 2 && _channels.TryGetValue(br.Channels[0], out var x) && _channels.TryGetValue(br.Channels[1], out var y))
                        {
                            // Connected line follows the bridge peer (Asterisk sends ChannelConnectedLine; not emitted here),
                            // unless the peer joined with inhibitConnectedLineUpdates. A dialled trunk leg sends it on as an
                            // UPDATE / re-INVITE.
                            if (!y.InhibitConnectedLine) PresentIdentity(x, y);
                            if (!x.InhibitConnectedLine) PresentIdentity(y, x);
                        }
                    }
                    else
                    {
                        if (chans.Any(c => c.BridgeId != br.Id)) return Reply.Msg(422, "Channel not in this bridge");
                        foreach (var c in chans) LeaveBridge(br, c);
                    }
                    return Reply.NoContent();
                }
            default: return InvalidMethod;
        }
    }

    private static void PresentIdentity(Chan to, Chan of)
    {
        (to.ConnName, to.ConnNumber) = (of.CallerName, of.CallerNumber);
        if (to.DialStarted) to.TrunkCall?.ConnectedLineSent(of.CallerNumber);
    }

    private void LeaveBridge(Bridge br, Chan c)
    {
        br.Channels.Remove(c.Id);
        c.BridgeId = null;
        Emit("ChannelLeftBridge", AppsOf(br).Concat(AppsOf(c)), null, ("bridge", br.Snapshot()), ("channel", c.Snapshot()));
        if (br.Type == "mixing") br.Technology = "simple_bridge";
    }
}
