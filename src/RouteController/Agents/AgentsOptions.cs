namespace LeadDesk.RouteController.Agents;

/// <summary>Section <c>Agents</c>: how the controller reaches agents' phones, and how long a shared claim on one lasts.</summary>
public sealed class AgentsOptions
{
    public const string SectionName = "Agents";

    /// <summary>
    /// The dial string of an agent's phone, <c>{extension}</c> standing for the agent's stored extension (digits): what
    /// the controller originates when an inbound call or a callback rings the agent. <c>PJSIP/{extension}</c> rings the
    /// PJSIP endpoint of that name on this Asterisk. A site whose phones register to a SIP proxy instead (several
    /// Asterisks behind Kamailio, docs/multi-asterisk.md) dials through the proxy's endpoint, e.g.
    /// <c>PJSIP/{extension}@proxy</c>.
    /// </summary>
    /// <remarks>
    /// Through a proxy this Asterisk does not see the agent's registration: its endpoint <c>PJSIP/&lt;extension&gt;</c>
    /// (if it has one, for identifying the agent's outbound calls) has no contact. So with any template other than
    /// <c>PJSIP/{extension}</c> a phone unknown to this Asterisk is not taken for unreachable (the call is dialled and the
    /// proxy answers for the phone), and whether the agent is busy comes from the agent claims (held in the shared
    /// store with PostgreSQL, so a call through another controller counts) plus any channel this Asterisk sees on the
    /// local endpoint. Rules, checked at start: a technology Asterisk knows and <c>/</c> first (PJSIP, SIP, IAX2, Local,
    /// DAHDI), <c>{extension}</c> exactly once and no other placeholder, no whitespace, control character or <c>&amp;</c>.
    /// </remarks>
    /// <value>Default: <c>PJSIP/{extension}</c>.</value>
    public string DialString { get; set; } = AgentDialString.LocalTemplate;

    /// <summary>
    /// Seconds a claim on an agent lasts unless its controller renews it (environment: <c>Agents__ClaimLeaseSeconds</c>);
    /// the controller renews every third of it. After a controller dies its agents are free for the other controllers
    /// within this time. Used with <c>Database:Provider</c> postgres only (with SQLite claims stay in memory). From 5 to 600.
    /// </summary>
    /// <value>Default: <c>30</c>.</value>
    public int ClaimLeaseSeconds { get; set; } = 30;

    public TimeSpan ClaimLease => TimeSpan.FromSeconds(ClaimLeaseSeconds);

    /// <summary>
    /// With a proxy <see cref="DialString"/>: how often the controller reads the site's agent claims and sets the queue
    /// members' <c>Stasis:agent-&lt;extension&gt;</c> device states on its Asterisk (only changes are sent), so app_queue
    /// on every Asterisk sees an agent on a call through any controller as in use. From 0.1 to 10 seconds.
    /// </summary>
    /// <value>Default: <c>00:00:00.5</c>.</value>
    public TimeSpan DeviceStateInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
