using LeadDesk.Ari.Client.Models;

namespace LeadDesk.Ari.Client.Events;

public abstract record PlaybackEvent : AriEvent
{
    public Playback Playback { get; init; } = new();

    /// <summary>From target_uri "channel:ID"; null when the playback is on a bridge.</summary>
    public override string? ChannelId => Playback.TargetChannelId;
}

public sealed record PlaybackStarted : PlaybackEvent;

public sealed record PlaybackContinuing : PlaybackEvent;

public sealed record PlaybackFinished : PlaybackEvent;
