namespace LeadDesk.RouteController.Calls;

/// <summary>How a recording on the caller's channel ended, as <see cref="CallSession.WaitForRecordingAsync"/> saw it.</summary>
internal abstract record RecordingEnd
{
    /// <summary>Asterisk reported it finished (silence, <c>#</c>, its maximum, our stop, or the caller hanging up).</summary>
    public sealed record Finished(bool CallerLeft) : RecordingEnd;

    /// <summary>Asterisk reported it failed: nothing usable was stored.</summary>
    public sealed record Failed(string? Cause) : RecordingEnd;

    /// <summary>Asterisk never reported its end, even after a stop (<see cref="Stopped"/>) or the caller leaving.</summary>
    public sealed record Unreported(bool Stopped) : RecordingEnd;

    /// <summary>The controller started stopping (only when the wait was asked to wake on it).</summary>
    public sealed record Draining : RecordingEnd;
}
