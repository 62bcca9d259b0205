namespace LeadDesk.Store.Outbound;

/// <summary>What the store says about one agent's possible caller IDs, before any is chosen.</summary>
/// <param name="CardCallerId">The card's <c>--outbound-cid</c>, if set.</param>
/// <param name="Campaign">The agent's campaign, if any.</param>
/// <param name="CampaignCallerId">That campaign's caller ID.</param>
/// <param name="CampaignCallerName">That campaign's caller ID name; the only name a lead is ever shown.</param>
/// <param name="DefaultCallerId">The company default caller ID, if set.</param>
public sealed record CallerIdInputs(
    string? CardCallerId,
    string? Campaign,
    string? CampaignCallerId,
    string? CampaignCallerName,
    string? DefaultCallerId);
