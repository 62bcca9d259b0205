using LeadDesk.Store.Numbers;

namespace LeadDesk.Store.Outbound;

/// <summary>
/// Which number an agent's outbound call presents: the card's caller ID, else the campaign's, else the company
/// default, each only while it is a number of the inventory that we own at the carrier (the carrier refuses, or
/// worse rewrites, a caller ID it does not know as ours). None usable: the call is refused. No I/O, so the
/// controller and <c>agents show</c> give the same answer and every row of the order is tested without a call.
/// </summary>
public static class CallerIdChoice
{
    /// <param name="inventory">The inventory row of a number, or null when it is not in the inventory.</param>
    public static CallerIdDecision Choose(CallerIdInputs inputs, Func<string, InboundNumber?> inventory)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(inventory);
        var name = inputs.Campaign is not null ? inputs.CampaignCallerName ?? "" : "";
        var skipped = new List<string>();
        var candidates = new (CallerIdSource Source, string? Number, string Label)[]
        {
            (CallerIdSource.Card, inputs.CardCallerId, "card"),
            (CallerIdSource.Campaign, inputs.Campaign is null ? null : inputs.CampaignCallerId, $"campaign {inputs.Campaign}"),
            (CallerIdSource.Default, inputs.DefaultCallerId, "company default"),
        };

        foreach (var (source, number, label) in candidates)
        {
            if (string.IsNullOrEmpty(number))
            {
                continue;
            }

            var row = inventory(number);
            if (row is null)
            {
                skipped.Add($"{label} {number} is not in the number inventory");
                continue;
            }

            if (!row.Owned)
            {
                skipped.Add($"{label} {number} is not owned at the carrier");
                continue;
            }

            return new CallerIdDecision(number, source, name, skipped);
        }

        return new CallerIdDecision(null, null, name, skipped);
    }
}
