using System.Data.Common;
using Dapper;
using LeadDesk.Store.Numbers;

namespace LeadDesk.Store.Routes;

/// <summary>
/// The checks and words of a route change, shared by the per-number path (explicit lists, files) and the set-based
/// path ("all matching the filter"), so the two can never drift apart in what they refuse or how they say it.
/// </summary>
internal static class RouteChangeRules
{
    public static RoutingRefusedException NotInInventory(NumberEntry entry, string e164) =>
        new($"{entry.Describe()} ({e164}) is not in the number inventory: add it with 'numbers add' first.");

    public static RoutingRefusedException NotOwned(NumberEntry entry, string e164) =>
        new($"{entry.Describe()} ({e164}) is not owned by us at the carrier, so it cannot be routed.");

    public static RoutingRefusedException QueueNumber(NumberEntry entry, string e164, string? queue) =>
        new($"{entry.Describe()} ({e164}) is an inbound number of queue '{queue}': unassign it first.");

    /// <summary>Only unassigning is allowed for a number we do not own.</summary>
    public static bool NeedsOwnership(RouteTarget target) => target.Type != DestinationType.Unassigned;

    /// <summary><see cref="NeedsOwnership"/> in SQL, over a column holding the target's type token.</summary>
    public static string NeedsOwnershipSql(string typeColumn) => $"{typeColumn} <> 'unassigned'";

    /// <summary>A queue's number must be unassigned before it goes to an agent or a custom destination.</summary>
    public static bool RefusesQueueNumbers(RouteTarget target) => target.Type is DestinationType.Agent or DestinationType.Custom;

    /// <summary><see cref="RefusesQueueNumbers"/> in SQL, over a column holding the target's type token.</summary>
    public static string RefusesQueueNumbersSql(string typeColumn) => $"{typeColumn} IN ('agent', 'custom')";

    // A number moved away from the agent whose outbound caller ID it is breaks their 2-way VoIP: say so.
    public static string CallerIdWarning(string number, string agentId) =>
        $"{number} is agent '{agentId}''s outbound caller ID and no longer routes to them: their callbacks will not reach them.";

    /// <summary>Refuses a target that does not exist; <paramref name="line"/> is the file line that first named it.</summary>
    public static async Task EnsureTargetExistsAsync(DbConnection connection, DbTransaction transaction, int? line, RouteTarget target, CancellationToken ct)
    {
        var (sql, value, what) = target.Type switch
        {
            DestinationType.Agent => ("SELECT COUNT(*) FROM agents WHERE id = @value", target.AgentId, "agent"),
            DestinationType.Queue => ("SELECT COUNT(*) FROM queues WHERE name = @value", target.QueueName, "queue"),
            DestinationType.Custom => ("SELECT COUNT(*) FROM custom_destinations WHERE name = @value", target.DestinationName, "custom destination"),
            _ => (null, null, null),
        };
        if (sql is null)
        {
            return;
        }

        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { value }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        if (count == 0)
        {
            throw new RoutingRefusedException(line is { } l ? $"Line {l}: there is no {what} '{value}'." : $"There is no {what} '{value}'.");
        }
    }
}
