namespace LeadDesk.Store.Agents;

/// <summary>An agent's information card as stored.</summary>
/// <param name="Emails">The addresses on the card, in the order given; the voicemail target is one of them.</param>
/// <param name="OutboundCallerId">The E.164 number shown when the agent calls out, if set.</param>
/// <param name="GreetingRecordedAt">When the agent recorded their own voicemail greeting; null while callers hear the default.</param>
/// <param name="RoutedNumbers">The inbound numbers that route to this agent.</param>
/// <param name="Campaign">The campaign whose caller ID the agent presents when the card has none.</param>
public sealed record Agent(
    string Id,
    string Name,
    string Extension,
    IReadOnlyList<string> Emails,
    string? OutboundCallerId,
    bool LoggedIn,
    UnreachableDestination Unreachable,
    DateTimeOffset? GreetingRecordedAt,
    IReadOnlyList<string> RoutedNumbers,
    string? Campaign = null)
{
    /// <summary>
    /// The PJSIP endpoint of the same name that Asterisk's configuration provisions for the phone (pjsip.conf), which
    /// names the agent's own calls. Not necessarily what the controller dials: that is <c>Agents:DialString</c>.
    /// </summary>
    public string Endpoint => "PJSIP/" + Extension;

    public bool HasGreeting => GreetingRecordedAt is not null;
}
