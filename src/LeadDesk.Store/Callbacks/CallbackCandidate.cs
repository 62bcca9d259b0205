using LeadDesk.Store.Routing;
namespace LeadDesk.Store.Callbacks;

/// <summary>
/// The agent of the newest answered outbound call to a lead that presented a given number: who that lead's callback
/// to the number should reach, with what the route needs about them.
/// </summary>
/// <param name="CalledAt">When the agent's call to the lead started.</param>
/// <param name="Extension">Digits; the controller dials the phone with it (<c>Agents:DialString</c>). Empty when the agent is gone.</param>
/// <param name="LoggedIn">False too when the agent no longer exists.</param>
public sealed record CallbackCandidate(string AgentId, string Name, string Extension, bool LoggedIn, DateTimeOffset CalledAt);
