using Dapper;
using LeadDesk.Store;
using LeadDesk.Store.Validation;

namespace LeadDesk.Store.Queues;

/// <summary>The queues numbers may be routed to. The queues themselves live in Asterisk; this names them.</summary>
public sealed class QueueRegistry(RoutingStore store)
{
    public async Task AddAsync(string name, CancellationToken cancellationToken = default)
    {
        name = InputRules.QueueName(name);
        await store.WriteAsync(
            async (connection, transaction) =>
            {
                var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM queues WHERE name = @name", new { name }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (exists > 0)
                {
                    throw new RoutingRefusedException($"Queue '{name}' already exists.");
                }

                return await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO queues (name, created_at) VALUES (@name, @now)", new { name, now = store.Now() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<InboundQueue>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Name, string? Number)>(new CommandDefinition(
            "SELECT q.name, n.number FROM queues q LEFT JOIN inbound_numbers n ON n.queue_name = q.name ORDER BY q.name, n.number",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.GroupBy(r => r.Name)
            .Select(g => new InboundQueue(g.Key, g.Where(r => r.Number is not null).Select(r => r.Number!).ToList()))
            .ToList();
    }

    /// <summary>Removes a queue; refused while numbers route to it (the error names them).</summary>
    public async Task RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        name = InputRules.QueueName(name);
        await store.WriteAsync(
            async (connection, transaction) =>
            {
                var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM queues WHERE name = @name", new { name }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (exists == 0)
                {
                    throw new RoutingRefusedException($"There is no queue '{name}'.");
                }

                var routed = (await connection.QueryAsync<string>(new CommandDefinition(
                    "SELECT number FROM inbound_numbers WHERE queue_name = @name ORDER BY number", new { name }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
                if (routed.Count > 0)
                {
                    throw new RoutingRefusedException(
                        $"Queue '{name}' still has inbound numbers routed to it: {string.Join(", ", routed.Take(10))}{(routed.Count > 10 ? $" and {routed.Count - 10} more" : "")}. Unassign them first.");
                }

                return await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM queues WHERE name = @name", new { name }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }
}
