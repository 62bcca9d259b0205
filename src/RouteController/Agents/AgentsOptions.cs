namespace LeadDesk.RouteController.Agents;

/// <summary>Section <c>Agents</c>: how the controller reaches agents' phones.</summary>
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
}
