namespace LeadDesk.Ari.Client.Models;

/// <summary>A recording in progress (or just finished).</summary>
public sealed record LiveRecording
{
    public string Name { get; init; } = "";

    public string Format { get; init; } = "";

    /// <summary>queued, recording, paused, done, failed, canceled.</summary>
    public string State { get; init; } = "";

    public string TargetUri { get; init; } = "";

    /// <summary>
    /// Whole seconds, rounded down by Asterisk (a 0.96 s message reports 0): read the WAV for real lengths.
    /// Only present once the recording finished.
    /// </summary>
    public int? Duration { get; init; }

    public int? TalkingDuration { get; init; }

    public int? SilenceDuration { get; init; }

    /// <summary>Why the recording failed, when it did.</summary>
    public string? Cause { get; init; }

    public string? TargetChannelId => Models.TargetUri.ChannelIdOf(TargetUri);
}
