using System.Collections.Concurrent;
using LeadDesk.Ari.Client.Events;

namespace LeadDesk.RouteController.Calls;

/// <summary>
/// One carrier call while the controller drives it: the caller's channel, the legs we originated for it,
/// and its bridge. Events arrive through <see cref="Post"/> from any thread; only the call's own flow reads them.
/// </summary>
internal sealed class CallSession
{
    private readonly CallInbox _inbox = new();
    private readonly ConcurrentDictionary<string, bool> _legs = new(StringComparer.Ordinal);

    // Legs made with /channels/create and dialled later: in Stasis from creation, so StasisStart says nothing.
    private readonly ConcurrentDictionary<string, byte> _dialledLegs = new(StringComparer.Ordinal);

    // Every leg ever originated for the call, ended or not: the registry forgets all of them with the call.
    private readonly ConcurrentBag<string> _knownLegs = [];
    private readonly TimeProvider _time;
    private volatile bool _callerGone;
    private volatile bool _handedToDialplan;

    private readonly CancellationToken _drain;

    public CallSession(string callerChannelId, TimeProvider time, CancellationToken drain = default)
    {
        CallerChannelId = callerChannelId;
        _time = time;
        _drain = drain;
    }

    /// <summary>When the caller's StasisStart was read off the websocket (<see cref="System.Diagnostics.Stopwatch"/> ticks), 0 if not known.</summary>
    public long ArrivedTimestamp { get; init; }

    private int _originated;

    /// <summary>True the first time only: the StasisStart-to-originate time is the first leg's, not a fall-through's.</summary>
    public bool FirstOriginate() => Interlocked.Exchange(ref _originated, 1) == 0;

    /// <summary>The caller's channel id; also the call's id in logs.</summary>
    public string CallerChannelId { get; }

    public bool CallerGone => _callerGone;

    /// <summary>Legs originated for this call, answered or not, that have not ended yet.</summary>
    public IReadOnlyCollection<string> LiveLegs => _legs.Keys.ToArray();

    public string? BridgeId { get; set; }

    /// <summary>Set for a conversation a previous process left talking; its call-log row is that process's.</summary>
    public bool Adopted { get; init; }

    /// <summary>The open call-log row an adopted conversation completes when it ends.</summary>
    public long? AdoptedRowId { get; set; }

    /// <summary>
    /// Set when shutdown leaves a conversation talking in Asterisk for the next start to adopt: then nothing
    /// of the call may be torn down, and its call-log row stays open.
    /// </summary>
    public bool LeftInAsterisk { get; set; }

    public void Post(AriEvent e) => _inbox.Post(e);

    /// <summary>Every leg this call ever had, for forgetting them all when the call ends.</summary>
    public IReadOnlyCollection<string> KnownLegs => _knownLegs.ToArray();

    public void AddLeg(string legId)
    {
        _legs[legId] = false;
        _knownLegs.Add(legId);
    }

    /// <summary>
    /// A leg created in Stasis and dialled afterwards (<c>/channels/create</c> + <c>/dial</c>): its answer is its state
    /// going Up (or Dial ANSWER), not its StasisStart, and its Dial progress is reported as <see cref="CallSignal.DialProgress"/>.
    /// </summary>
    public void MarkDialledLeg(string legId) => _dialledLegs[legId] = 0;

    /// <summary>For a conversation adopted after a restart: the leg is already talking.</summary>
    public void MarkLegAnswered(string legId) => _legs[legId] = true;

    public void RemoveLeg(string legId) => _legs.TryRemove(legId, out _);


    /// <summary>After a /continue, StasisEnd is expected and no longer means the caller left.</summary>
    public void MarkHandedToDialplan() => _handedToDialplan = true;

    /// <summary>The caller was handed to the dialplan (a queue, a custom destination) and is only followed there.</summary>
    public bool HandedToDialplan => _handedToDialplan;

    /// <summary>
    /// The next signal that matters for this call, or <see cref="CallSignal.Timeout"/> at <paramref name="deadline"/>.
    /// Once the caller is gone every wait answers <see cref="CallSignal.CallerGone"/> at once (a flow can never hang
    /// on a caller who left); only <see cref="WaitForRecordingAsync"/> still reads what Asterisk reports after it.
    /// </summary>
    public Task<CallSignal> NextSignalAsync(DateTimeOffset deadline, CancellationToken ct, bool wakeOnDrain = true) =>
        _callerGone ? Task.FromResult<CallSignal>(CallerLeft) : ReceiveAsync(deadline, ct, wakeOnDrain);

    private static readonly CallSignal CallerLeft = new CallSignal.CallerGone();

    /// <summary>The next signal, even after the caller left: only for what Asterisk still reports then (a recording's end).</summary>
    private async Task<CallSignal> ReceiveAsync(DateTimeOffset deadline, CancellationToken ct, bool wakeOnDrain)
    {
        using var linked = wakeOnDrain ? CancellationTokenSource.CreateLinkedTokenSource(ct, _drain) : null;
        var token = linked?.Token ?? ct;
        while (true)
        {
            if (wakeOnDrain && _drain.IsCancellationRequested)
            {
                return new CallSignal.Draining();
            }

            var left = deadline == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : deadline - _time.GetUtcNow();
            if (left != Timeout.InfiniteTimeSpan && left <= TimeSpan.Zero)
            {
                left = TimeSpan.Zero;
            }

            AriEvent? e;
            try
            {
                e = await _inbox.ReceiveAsync(left, _time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return new CallSignal.Draining();
            }

            if (e is null)
            {
                return CallSignal.Timeout;
            }

            if (Read(e) is { } signal)
            {
                return signal;
            }
        }
    }

    /// <summary>
    /// Until recording <paramref name="name"/> on the caller's channel ends. The caller hanging up ends it too, and
    /// Asterisk still closes the file and reports it: that report is waited for, within a grace. Past
    /// <paramref name="limit"/> (the recording's own maximum) <paramref name="stop"/> is called once, for a recording
    /// Asterisk failed to end by itself. With <paramref name="wakeOnDrain"/>, the controller stopping ends the wait.
    /// </summary>
    public async Task<RecordingEnd> WaitForRecordingAsync(string name, TimeSpan limit, Func<Task> stop, CancellationToken ct, bool wakeOnDrain)
    {
        ArgumentNullException.ThrowIfNull(stop);
        var deadline = Now + limit + RecordingMargin;
        var stopped = false;
        while (true)
        {
            switch (await ReceiveAsync(deadline, ct, wakeOnDrain && !_callerGone).ConfigureAwait(false))
            {
                case CallSignal.RecordingDone done when done.Name == name:
                    return new RecordingEnd.Finished(CallerLeft: _callerGone);
                case CallSignal.RecordingFailed failed when failed.Name == name:
                    return new RecordingEnd.Failed(failed.Cause);
                case CallSignal.CallerGone:
                    var grace = Now + RecordingFinishGrace;
                    deadline = grace < deadline ? grace : deadline;
                    break;
                case CallSignal.Draining:
                    return new RecordingEnd.Draining();
                case CallSignal.TimedOut when !stopped && !_callerGone:
                    stopped = true;
                    await stop().ConfigureAwait(false);
                    deadline = Now + RecordingFinishGrace;
                    break;
                case CallSignal.TimedOut:
                    return new RecordingEnd.Unreported(stopped);
            }
        }
    }

    // Past its maximum Asterisk should have ended a recording itself; this is the margin before we stop it.
    private static readonly TimeSpan RecordingMargin = TimeSpan.FromSeconds(5);

    // After a hang-up (or our stop) Asterisk still has to close the file and send RecordingFinished.
    private static readonly TimeSpan RecordingFinishGrace = TimeSpan.FromSeconds(5);

    public Task<CallSignal> NextSignalAsync(TimeSpan within, CancellationToken ct, bool wakeOnDrain = true) =>
        NextSignalAsync(within == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : _time.GetUtcNow() + within, ct, wakeOnDrain);

    /// <summary>
    /// Until playback <paramref name="playbackId"/> ends or <paramref name="limit"/> passes (true), or the caller
    /// leaves, or, with <paramref name="wakeOnDrain"/>, the controller starts stopping (false).
    /// </summary>
    public async Task<bool> WaitForPlaybackAsync(string playbackId, TimeSpan limit, CancellationToken ct, bool wakeOnDrain = true)
    {
        var deadline = Now + limit;
        while (true)
        {
            switch (await NextSignalAsync(deadline, ct, wakeOnDrain).ConfigureAwait(false))
            {
                case CallSignal.CallerGone or CallSignal.Draining:
                    return false;
                case CallSignal.PlaybackDone done when done.PlaybackId == playbackId:
                case CallSignal.TimedOut:
                    return true;
            }
        }
    }

    public bool IsDraining => _drain.IsCancellationRequested;

    public DateTimeOffset Now => _time.GetUtcNow();

    public void Close() => _inbox.Close();

    private CallSignal? Read(AriEvent e)
    {
        if (e is PlaybackFinished finished)
        {
            return new CallSignal.PlaybackDone(finished.Playback.Id);
        }

        // Recording events carry the target channel (channel:ID) as their channel, so only the caller's reach here.
        switch (e)
        {
            case RecordingFinished recorded:
                return new CallSignal.RecordingDone(recorded.Recording.Name, recorded.Recording.Duration);
            case LeadDesk.Ari.Client.Events.RecordingFailed failed:
                return new CallSignal.RecordingFailed(failed.Recording.Name, failed.Recording.Cause);
        }

        var channelId = e.ChannelId;
        if (channelId == CallerChannelId)
        {
            return ReadCallerEvent(e);
        }

        if (e is Dial dial && dial.Caller?.Id == CallerChannelId)
        {
            return new CallSignal.DialProgress(dial.Dialstatus);
        }

        return channelId is not null && _legs.TryGetValue(channelId, out var answered) ? ReadLegEvent(channelId, answered, e) : null;
    }

    private CallSignal? ReadCallerEvent(AriEvent e)
    {
        switch (e)
        {
            case ChannelHangupRequest or ChannelDestroyed:
            case StasisEnd when !_handedToDialplan:
                _callerGone = true;
                return new CallSignal.CallerGone();
            case StasisStart when _handedToDialplan:
                // The dialplan sent the caller back into Stasis: it left the dialplan we were following, and the
                // dispatcher starts it as a new call.
                return new CallSignal.CallerGone();
            case ChannelDtmfReceived dtmf when dtmf.Digit.Length == 1:
                return new CallSignal.Digit(dtmf.Digit[0]);
            default:
                return null;
        }
    }

    private CallSignal? ReadLegEvent(string legId, bool answered, AriEvent e)
    {
        if (_dialledLegs.ContainsKey(legId) && ReadDialledLegEvent(legId, answered, e) is { } dialled)
        {
            return dialled;
        }

        switch (e)
        {
            case StasisStart when !_dialledLegs.ContainsKey(legId):
                _legs[legId] = true;
                return new CallSignal.LegAnswered(legId);
            case ChannelDestroyed destroyed:
                _legs.TryRemove(legId, out _);
                return new CallSignal.LegEnded(legId, new HangupCause(destroyed.Cause, destroyed.TechCause), answered);
            case ChannelHangupRequest or StasisEnd when answered:
                // An answered leg leaving is the agent hanging up; ChannelDestroyed follows and is then ignored.
                _legs.TryRemove(legId, out _);
                var cause = e is ChannelHangupRequest { Cause: { } c and not 32 } ? c : HangupCause.NormalClearing;
                return new CallSignal.LegEnded(legId, new HangupCause(cause), Answered: true);
            default:
                return null;
        }
    }

    private CallSignal? ReadDialledLegEvent(string legId, bool answered, AriEvent e)
    {
        switch (e)
        {
            case StasisStart:
                return new CallSignal.LegReady(legId);
            case ChannelStateChange { Channel.State: "Up" } when !answered:
            case Dial { Dialstatus: "ANSWER" } when !answered:
                _legs[legId] = true;
                return new CallSignal.LegAnswered(legId);
            case Dial dial when !answered:
                return new CallSignal.DialProgress(dial.Dialstatus);
            default:
                return null;
        }
    }
}
