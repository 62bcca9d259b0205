namespace LeadDesk.Ari.Client.Models;

/// <summary>A media playback on a channel or bridge. Playbacks are queued per target, so "queued" is a normal state.</summary>
public sealed record Playback
{
    public string Id { get; init; } = "";

    public string MediaUri { get; init; } = "";

    public string? NextMediaUri { get; init; }

    public string TargetUri { get; init; } = "";

    public string? Language { get; init; }

    /// <summary>queued, playing, continuing, done, failed.</summary>
    public string State { get; init; } = "";

    /// <summary>The channel played to, when the target is a channel; null for bridges.</summary>
    public string? TargetChannelId => TargetUri is { } uri ? Models.TargetUri.ChannelIdOf(uri) : null;
}
