namespace LeadDesk.RouteController.Agents;

/// <summary>Section <c>Agents</c>: how long a claim on an agent in a shared (PostgreSQL) store lasts unrenewed.</summary>
public sealed class AgentClaimOptions
{
    public const string SectionName = "Agents";

    /// <summary>
    /// Seconds a claim on an agent lasts unless its controller renews it (environment: <c>Agents__ClaimLeaseSeconds</c>);
    /// the controller renews every third of it. After a controller dies its agents are free for the other controllers
    /// within this time. Used with <c>Database:Provider</c> postgres only. From 5 to 600.
    /// </summary>
    /// <value>Default: <c>30</c>.</value>
    public int ClaimLeaseSeconds { get; set; } = 30;

    public TimeSpan Lease => TimeSpan.FromSeconds(ClaimLeaseSeconds);
}
