namespace LeadDesk.RouteController.Health;

/// <summary>The <c>Health</c> section: where GET /healthz is served. Loopback by default; empty turns it off.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    public string Url { get; set; } = "http://127.0.0.1:8090/";
}
