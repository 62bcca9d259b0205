namespace LeadDesk.Ari.Client.Models;

/// <summary>Caller (or connected line) identification as Asterisk reports it; empty strings, not nulls, when unknown.</summary>
public sealed record CallerId
{
    public string Name { get; init; } = "";

    public string Number { get; init; } = "";
}
