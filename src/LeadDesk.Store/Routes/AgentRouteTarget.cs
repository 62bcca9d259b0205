using LeadDesk.Store.Agents;

namespace LeadDesk.Store.Routes;

/// <summary>What the controller needs about the agent an inbound number routes to, read with the route.</summary>
/// <param name="Extension">Digits only; the controller dials the phone with it (<c>Agents:DialString</c>, default <c>PJSIP/{extension}</c>).</param>
/// <param name="HasGreeting">Whether the agent recorded their own voicemail greeting.</param>
public sealed record AgentRouteTarget(
    string AgentId,
    string Name,
    string Extension,
    bool LoggedIn,
    UnreachableDestination UnreachableDestination,
    bool HasGreeting);
