namespace LeadDesk.Ari.Client.Models;

/// <summary>GET /asterisk/ping: a cheap liveness check of Asterisk itself (not only its HTTP server).</summary>
public sealed record AsteriskPing
{
    public string Ping { get; init; } = "";

    public DateTimeOffset? Timestamp { get; init; }

    public string? AsteriskId { get; init; }
}
