using LeadDesk.Store.Routing;
namespace LeadDesk.Store.Callbacks;

/// <summary>Why a call to a number goes to the number's own route without ringing a callback agent first.</summary>
public enum CallbackSkip
{
    /// <summary>The number is not in the inventory or not owned: no route, no callback.</summary>
    NotRoutable,

    /// <summary>The number has no callback window.</summary>
    Off,

    /// <summary>Anonymous caller, or a caller number that is not a phone number: there is no lead to match.</summary>
    NoCallerNumber,

    /// <summary>No agent's answered outbound call to this caller presented this number.</summary>
    NoAnsweredCall,

    /// <summary>The newest such call started before the window.</summary>
    WindowExpired,

    /// <summary>That agent is the number's own agent: the own route rings them anyway (never twice).</summary>
    OwnAgent,

    /// <summary>That agent is logged out.</summary>
    AgentLoggedOut,

    /// <summary>That agent is on a call.</summary>
    AgentOnCall,
}
