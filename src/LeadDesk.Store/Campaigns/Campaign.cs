namespace LeadDesk.Store.Campaigns;

/// <summary>A campaign: the caller ID (and optional caller ID name) its agents present when they call leads.</summary>
/// <param name="CallerName">Shown to leads as the caller ID name; null shows none.</param>
/// <param name="Agents">The agents that belong to it, by id.</param>
public sealed record Campaign(string Name, string CallerId, string? CallerName, IReadOnlyList<string> Agents);
