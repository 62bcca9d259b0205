namespace LeadDesk.Store.Agents;

/// <summary>What <c>agents set</c> changes; null leaves a field as it is.</summary>
/// <param name="Emails">Replaces the whole list when set.</param>
/// <param name="OutboundCallerId">A number, or an empty string to clear it.</param>
/// <param name="Campaign">A campaign name, or <c>none</c> to leave the campaign.</param>
public sealed record AgentChanges(
    string? Name = null,
    string? Extension = null,
    IReadOnlyList<string>? Emails = null,
    string? OutboundCallerId = null,
    UnreachableDestination? Unreachable = null,
    string? Campaign = null);
