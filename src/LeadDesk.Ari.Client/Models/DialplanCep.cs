namespace LeadDesk.Ari.Client.Models;

/// <summary>Where in the dialplan a channel is: for an inbound call, <see cref="Exten"/> is the dialled number.</summary>
public sealed record DialplanCep
{
    public string Context { get; init; } = "";

    public string Exten { get; init; } = "";

    public long Priority { get; init; }

    public string? AppName { get; init; }

    public string? AppData { get; init; }
}
