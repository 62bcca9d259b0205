using System.Data;
using LeadDesk.Store.Numbers;

namespace LeadDesk.Store.Outbound;

/// <summary>The rule every caller ID meets when it is set: a number of the inventory that we own at the carrier.</summary>
internal static class CallerIdRules
{
    public static async Task<InboundNumber> EnsureUsableAsync(IDbConnection connection, IDbTransaction transaction, string e164, string what, CancellationToken ct)
    {
        var number = await NumberRows.FindAsync(connection, transaction, e164, ct).ConfigureAwait(false)
            ?? throw new RoutingRefusedException($"The {what} {e164} is not in the number inventory.");
        if (!number.Owned)
        {
            throw new RoutingRefusedException($"The {what} {e164} is not owned by us at the carrier.");
        }

        return number;
    }
}
