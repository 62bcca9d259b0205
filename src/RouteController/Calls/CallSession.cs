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
    private readonly TimeProvider _time;
    private volatile bool _callerGone;
    private volatile bool _handedToDialplan;

    public CallSession(string callerChannelId, TimeProvider time)
    {
        CallerChannelId = callerChannelId;
        _time = time;
    }

    /// <summary>The caller's channel id; also the call's id in logs.</summary>
    public string CallerChannelId { get; }

    public bool CallerGone => _callerGone;

    /// <summary>Legs originated for this call, answered or not, that have not ended yet.</summary>
    public IReadOnlyCollection<string> LiveLegs => _legs.Keys.ToArray();

    public string? BridgeId { get; set; }

    public void Post(AriEvent e) => _inbox.Post(e);

    public void AddLeg(string legId) => _legs[legId] = false;

    public void RemoveLeg(string legId) => _legs.TryRemove(legId, out _);

    public bool OwnsLeg(string channelId) => _legs.ContainsKey(channelId);

    /// <summary>After a /continue, StasisEnd is expected and no longer means the caller left.</summary>
    public void MarkHandedToDialplan() => _handedToDialplan = true;

    /// <summary>
    /// The next signal that matters for this call, or <see cref="CallSignal.Timeout"/> at <paramref name="deadline"/>.
    /// Once the caller is gone every wait answers <see cref="CallSignal.CallerGone"/> at once.
    /// </summary>
    public async Task<CallSignal> NextSignalAsync(DateTimeOffset deadline, CancellationToken ct)
    {
        while (true)
        {
            var left = deadline == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : deadline - _time.GetUtcNow();
            if (left != Timeout.InfiniteTimeSpan && left <= TimeSpan.Zero)
            {
                left = TimeSpan.Zero;
            }

            var e = await _inbox.ReceiveAsync(left, _time, ct).ConfigureAwait(false);
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

    public Task<CallSignal> NextSignalAsync(TimeSpan within, CancellationToken ct) =>
        NextSignalAsync(within == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : _time.GetUtcNow() + within, ct);

    public DateTimeOffset Now => _time.GetUtcNow();

    public void Close() => _inbox.Close();

    private CallSignal? Read(AriEvent e)
    {
        if (e is PlaybackFinished finished)
        {
            return new CallSignal.PlaybackDone(finished.Playback.Id);
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
            case ChannelDtmfReceived dtmf when dtmf.Digit.Length == 1:
                return new CallSignal.Digit(dtmf.Digit[0]);
            default:
                return null;
        }
    }

    private CallSignal? ReadLegEvent(string legId, bool answered, AriEvent e)
    {
        switch (e)
        {
            case StasisStart:
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
}
