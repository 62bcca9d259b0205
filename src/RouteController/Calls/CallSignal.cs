namespace LeadDesk.RouteController.Calls;

/// <summary>What a call's flow reacts to: ARI events already read in terms of this call's channels.</summary>
internal abstract record CallSignal
{
    /// <summary>The caller hung up, or their channel otherwise went away.</summary>
    public sealed record CallerGone : CallSignal;

    /// <summary>A leg we originated was answered (it entered Stasis).</summary>
    public sealed record LegAnswered(string LegId) : CallSignal;

    /// <summary>A leg we created (<c>/channels/create</c>) entered Stasis: only now can it join a bridge or be dialled.</summary>
    public sealed record LegReady(string LegId) : CallSignal;

    /// <summary>A leg we originated ended; <see cref="Answered"/> says whether it had been answered.</summary>
    public sealed record LegEnded(string LegId, HangupCause Cause, bool Answered) : CallSignal;

    public sealed record PlaybackDone(string PlaybackId) : CallSignal;

    public sealed record Digit(char Key) : CallSignal;

    /// <summary>A recording on the caller's channel ended (silence, <c>#</c>, max length, stop or hang-up); whole seconds only.</summary>
    public sealed record RecordingDone(string Name, int? DurationSeconds) : CallSignal;

    /// <summary>A recording on the caller's channel failed; nothing usable was stored.</summary>
    public sealed record RecordingFailed(string Name, string? Cause) : CallSignal;

    /// <summary>Dial progress of a channel we handed to the dialplan (a queue dialling its members).</summary>
    public sealed record DialProgress(string Status) : CallSignal;

    /// <summary>The controller is shutting down: ringing calls end busy, conversations are left to Asterisk.</summary>
    public sealed record Draining : CallSignal;

    /// <summary>The wait's deadline passed.</summary>
    public sealed record TimedOut : CallSignal;

    public static readonly CallSignal Timeout = new TimedOut();
}
