using Dapper;
using LeadDesk.Store;
using LeadDesk.Store.Routes;
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
                await NamedTarget.Queue.RequireNewAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false);
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
        await NamedTarget.Queue.RemoveAsync(store, name, cancellationToken).ConfigureAwait(false);
    }
}
