namespace LeadDesk.RouteController.Health;

/// <summary>The <c>Health</c> section: where GET /healthz is served. Loopback by default; empty turns it off.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <value>Default: <c>http://127.0.0.1:8090/</c>.</value>
    public string Url { get; set; } = "http://127.0.0.1:8090/";

    /// <summary>
    /// Also serve <c>GET /debug/counters[?collect=1]</c> (memory, CPU, per-call state) for the benchmarks. Off by
    /// default: <c>collect=1</c> forces a full GC, which no production caller should be able to ask for.
    /// </summary>
    /// <value>Default: <c>false</c>.</value>
    public bool Diagnostics { get; set; }

    /// <summary>
    /// Serve <c>GET /metrics</c> (docs/monitoring.md). Off, nothing listens to the meters and their instruments cost
    /// next to nothing: the bench's way to price them.
    /// </summary>
    /// <value>Default: <c>true</c>.</value>
    public bool Metrics { get; set; } = true;
}
