using System.Data.Common;
using Dapper;

namespace LeadDesk.Store.Routes;

/// <summary>
/// A kind of named thing numbers are routed to by name (a queue, a custom destination): its table, the column of
/// <c>inbound_numbers</c> that names it, and how messages call it. The add and remove rules both follow: a name is
/// taken once, and a target numbers still route to cannot be removed.
/// </summary>
/// <param name="Table">The table holding the targets by <c>name</c>.</param>
/// <param name="NumberColumn">The column of <c>inbound_numbers</c> naming the target a number routes to.</param>
/// <param name="Label">What messages call one, capitalised ("Queue", "Custom destination").</param>
internal sealed record NamedTarget(string Table, string NumberColumn, string Label)
{
    public static readonly NamedTarget Queue = new("queues", "queue_name", "Queue");

    public static readonly NamedTarget CustomDestination = new("custom_destinations", "destination_name", "Custom destination");

    private string LowerLabel => char.ToLowerInvariant(Label[0]) + Label[1..];

    /// <summary>Refused when a target of that name exists.</summary>
    public async Task RequireNewAsync(DbConnection connection, DbTransaction transaction, string name, CancellationToken ct)
    {
        if (await ExistsAsync(connection, transaction, name, ct).ConfigureAwait(false))
        {
            throw new RoutingRefusedException($"{Label} '{name}' already exists.");
        }
    }

    /// <summary>Removes the target; refused when there is none of that name, or while numbers route to it (the error names them).</summary>
    public Task RemoveAsync(RoutingStore store, string name, CancellationToken ct) =>
        store.WriteAsync(
            async (connection, transaction) =>
            {
                if (!await ExistsAsync(connection, transaction, name, ct).ConfigureAwait(false))
                {
                    throw new RoutingRefusedException($"There is no {LowerLabel} '{name}'.");
                }

                var routed = (await connection.QueryAsync<string>(new CommandDefinition(
                    $"SELECT number FROM inbound_numbers WHERE {NumberColumn} = @name ORDER BY number", new { name }, transaction, cancellationToken: ct)).ConfigureAwait(false)).ToList();
                if (routed.Count > 0)
                {
                    throw new RoutingRefusedException(
                        $"{Label} '{name}' still has inbound numbers routed to it: {string.Join(", ", routed.Take(10))}{(routed.Count > 10 ? $" and {routed.Count - 10} more" : "")}. Unassign them first.");
                }

                return await connection.ExecuteAsync(new CommandDefinition(
                    $"DELETE FROM {Table} WHERE name = @name", new { name }, transaction, cancellationToken: ct)).ConfigureAwait(false);
            },
            ct);

    private async Task<bool> ExistsAsync(DbConnection connection, DbTransaction transaction, string name, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM {Table} WHERE name = @name", new { name }, transaction, cancellationToken: ct)).ConfigureAwait(false) > 0;
}
