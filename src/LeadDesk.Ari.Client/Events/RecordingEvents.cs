using LeadDesk.Ari.Client.Models;

namespace LeadDesk.Ari.Client.Events;

public abstract record RecordingEvent : AriEvent
{
    public LiveRecording Recording { get; init; } = new();

    public override string? ChannelId => Recording.TargetChannelId;
}

public sealed record RecordingStarted : RecordingEvent;

/// <summary>Carries only a whole-second duration; measure the WAV for the real length.</summary>
public sealed record RecordingFinished : RecordingEvent;

public sealed record RecordingFailed : RecordingEvent;
