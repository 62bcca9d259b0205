namespace LeadDesk.Ari.Client.Rest;

/// <summary>POST /channels/{id}/record.</summary>
public sealed record RecordRequest
{
    /// <summary>The stored recording's name (no extension).</summary>
    public required string Name { get; init; }

    public string Format { get; init; } = "wav";

    public int? MaxDurationSeconds { get; init; }

    public int? MaxSilenceSeconds { get; init; }

    /// <summary>fail, overwrite or append.</summary>
    public string? IfExists { get; init; }

    public bool? Beep { get; init; }

    /// <summary>none, any, *, #.</summary>
    public string? TerminateOn { get; init; }
}
