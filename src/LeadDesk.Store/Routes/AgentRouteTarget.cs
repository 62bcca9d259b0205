using LeadDesk.Store.Agents;

namespace LeadDesk.Store.Routes;

/// <summary>What the controller needs about the agent an inbound number routes to, read with the route.</summary>
/// <param name="Extension">Digits only; the PJSIP endpoint of the same name is the agent's phone.</param>
/// <param name="HasGreeting">Whether the agent recorded their own voicemail greeting.</param>
public sealed record AgentRouteTarget(
    string AgentId,
    string Name,
    string Extension,
    bool LoggedIn,
    UnreachableDestination UnreachableDestination,
    bool HasGreeting)
{
    /// <summary>The dial string of the agent's phone, <c>PJSIP/&lt;extension&gt;</c>.</summary>
    public string Endpoint => "PJSIP/" + Extension;
}
