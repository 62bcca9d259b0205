namespace LeadDesk.Ari.Client.Models;

/// <summary>A finished recording in Asterisk's spool, playable as <c>recording:NAME</c>.</summary>
public sealed record StoredRecording
{
    public string Name { get; init; } = "";

    public string Format { get; init; } = "";
}
