namespace LeadDesk.Store.Routing;

/// <summary>
/// The agent of the newest answered outbound call to a lead that presented a given number: who that lead's callback
/// to the number should reach, with what the route needs about them.
/// </summary>
/// <param name="CalledAt">When the agent's call to the lead started.</param>
/// <param name="Extension">Digits; the PJSIP endpoint of the same name is the agent's phone. Empty when the agent is gone.</param>
/// <param name="LoggedIn">False too when the agent no longer exists.</param>
public sealed record CallbackCandidate(string AgentId, string Name, string Extension, bool LoggedIn, DateTimeOffset CalledAt)
{
    /// <summary>The dial string of the agent's phone, <c>PJSIP/&lt;extension&gt;</c>.</summary>
    public string Endpoint => "PJSIP/" + Extension;
}
