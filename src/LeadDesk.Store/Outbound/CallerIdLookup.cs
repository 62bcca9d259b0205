using Dapper;
using LeadDesk.Store.Numbers;

namespace LeadDesk.Store.Outbound;

/// <summary>
/// Reads what <see cref="CallerIdChoice"/> needs for one agent, fresh on every call: a number marked not owned
/// since it was set is then passed over at once.
/// </summary>
public sealed class CallerIdLookup(RoutingStore store)
{
    /// <summary>The decision for agent <paramref name="agentId"/>; null when there is no such agent.</summary>
    public async Task<CallerIdDecision?> ForAgentAsync(string agentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT a.outbound_cid AS CardCallerId, a.campaign AS Campaign, c.caller_id AS CampaignCallerId, c.caller_name AS CampaignCallerName,
                   (SELECT default_caller_id FROM outbound_settings WHERE id = 1) AS DefaultCallerId
            FROM agents a LEFT JOIN campaigns c ON c.name = a.campaign
            WHERE a.id = @agentId
            """,
            new { agentId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var inputs = new CallerIdInputs(row.CardCallerId, row.Campaign, row.CampaignCallerId, row.CampaignCallerName, row.DefaultCallerId);
        var numbers = new Dictionary<string, InboundNumber?>(StringComparer.Ordinal);
        foreach (var number in new[] { row.CardCallerId, row.CampaignCallerId, row.DefaultCallerId })
        {
            if (number is not null && !numbers.ContainsKey(number))
            {
                numbers[number] = await NumberRows.FindAsync(connection, null, number, cancellationToken).ConfigureAwait(false);
            }
        }

        return CallerIdChoice.Choose(inputs, n => numbers.GetValueOrDefault(n));
    }

    private sealed class Row
    {
        public string? CardCallerId { get; set; }
        public string? Campaign { get; set; }
        public string? CampaignCallerId { get; set; }
        public string? CampaignCallerName { get; set; }
        public string? DefaultCallerId { get; set; }
    }
}
