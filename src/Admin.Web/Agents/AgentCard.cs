using LeadDesk.Store.Agents;

namespace LeadDesk.Admin.Web.Agents;

/// <summary>An agent's information card as the Agents tab shows it.</summary>
/// <param name="Campaign">The agent's campaign; null until campaigns land (the outbound issue).</param>
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
    int RoutedNumbers)
{
    public static AgentCard From(Agent a) =>
        new(a.Id, a.Name, a.Extension, a.Emails, a.OutboundCallerId, null, a.LoggedIn, a.Unreachable.Token, a.HasGreeting, a.RoutedNumbers.Count);
}
