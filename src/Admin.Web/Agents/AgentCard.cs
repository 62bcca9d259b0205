using LeadDesk.Store.Agents;
using LeadDesk.Store.Outbound;

namespace LeadDesk.Admin.Web.Agents;

/// <summary>An agent's information card as the Agents tab shows it.</summary>
/// <param name="Campaign">The agent's campaign, or null.</param>
/// <param name="CallsOutAs">The caller ID the agent's calls carry now and why, as <c>agents show</c> says it; null when not asked.</param>
public sealed record AgentCard(
    string Id,
    string Name,
    string Extension,
    IReadOnlyList<string> Emails,
    string? OutboundCallerId,
    string? Campaign,
    bool LoggedIn,
    string Unreachable,
    bool HasGreeting,
    int RoutedNumbers,
    CallsOutAs? CallsOutAs = null,
    IReadOnlyList<string>? Numbers = null)
{
    public static AgentCard From(Agent a) =>
        new(a.Id, a.Name, a.Extension, a.Emails, a.OutboundCallerId, a.Campaign, a.LoggedIn, a.Unreachable.Token, a.HasGreeting, a.RoutedNumbers.Count);

    public static AgentCard From(Agent a, CallerIdDecision? decision) =>
        From(a) with { CallsOutAs = CallsOutAs.From(decision), Numbers = a.RoutedNumbers };
}

/// <summary>"Calls out as": the number (null: refused), the caller ID name, where it comes from and the whole line.</summary>
/// <param name="Source"><c>card</c>, <c>campaign</c>, <c>default</c>, or null when refused.</param>
public sealed record CallsOutAs(string? Number, string CallerName, string? Source, bool Refused, string Why, string Said)
{
    public static CallsOutAs? From(CallerIdDecision? d) => d is null ? null : new(
        d.Number,
        d.CallerName,
        d.Source switch { CallerIdSource.Card => "card", CallerIdSource.Campaign => "campaign", CallerIdSource.Default => "default", _ => null },
        d.Refused,
        d.Why,
        d is { Number: { } number }
            ? $"{number}{(d.CallerName.Length > 0 ? $" \"{d.CallerName}\"" : "")}: {d.Why}"
            : "refused: " + d.Why);
}
