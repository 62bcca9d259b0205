namespace LeadDesk.Ari.Client.Models;

/// <summary>GET /asterisk/info. Each section is optional because the request can ask for only some of them.</summary>
public sealed record AsteriskInfo
{
    public BuildInfo? Build { get; init; }

    public SystemInfo? System { get; init; }

    public ConfigInfo? Config { get; init; }

    public StatusInfo? Status { get; init; }
}

public sealed record BuildInfo
{
    public string? Os { get; init; }

    public string? Kernel { get; init; }

    public string? Machine { get; init; }

    public string? Options { get; init; }

    /// <summary>Free text such as "2026-11-23 19:50:28 UTC", so kept as a string.</summary>
    public string? Date { get; init; }

    public string? User { get; init; }
}

public sealed record SystemInfo
{
    public string Version { get; init; } = "";

    public string? EntityId { get; init; }
}

public sealed record ConfigInfo
{
    public string? Name { get; init; }

    public string? DefaultLanguage { get; init; }

    public int? MaxChannels { get; init; }

    public double? MaxLoad { get; init; }

    public int? MaxOpenFiles { get; init; }
}

public sealed record StatusInfo
{
    public DateTimeOffset? StartupTime { get; init; }

    public DateTimeOffset? LastReloadTime { get; init; }
}
