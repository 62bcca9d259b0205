using Dapper;
using LeadDesk.Store;
using LeadDesk.Store.Validation;

namespace LeadDesk.Store.Destinations;

/// <summary>Custom destinations, made by support (not by ordinary admins) for special cases.</summary>
public sealed class DestinationRegistry(RoutingStore store)
{
    public async Task AddAsync(CustomDestination destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await store.WriteAsync(
            async (connection, transaction) =>
            {
                var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM custom_destinations WHERE name = @Name", new { destination.Name }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (exists > 0)
                {
                    throw new RoutingRefusedException($"Custom destination '{destination.Name}' already exists.");
                }

                return await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO custom_destinations (name, kind, context, exten, priority, endpoint, number, created_at)
                    VALUES (@Name, @kind, @Context, @Extension, @Priority, @Endpoint, @Number, @now)
                    """,
                    Parameters(destination),
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Points an existing destination somewhere else (same name, so the numbers routed to it follow); refused when
    /// there is none of that name.
    /// </summary>
    public async Task UpdateAsync(CustomDestination destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE custom_destinations
            SET kind = @kind, context = @Context, exten = @Extension, priority = @Priority, endpoint = @Endpoint, number = @Number
            WHERE name = @Name
            """,
            Parameters(destination),
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (updated == 0)
        {
            throw new RoutingRefusedException($"There is no custom destination '{destination.Name}'.");
        }
    }

    public async Task<IReadOnlyList<CustomDestination>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Name, string Kind, string? Context, string? Exten, long? Priority, string? Endpoint, string? Number)>(
            new CommandDefinition(
                "SELECT name, kind, context, exten, priority, endpoint, number FROM custom_destinations ORDER BY name",
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => CustomDestination.FromRow(r.Name, r.Kind, r.Context, r.Exten, r.Priority, r.Endpoint, r.Number)).ToList();
    }

    /// <summary>Removes a destination; refused while numbers route to it.</summary>
    public async Task RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        name = InputRules.DestinationName(name);
        await store.WriteAsync(
            async (connection, transaction) =>
            {
                var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM custom_destinations WHERE name = @name", new { name }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (exists == 0)
                {
                    throw new RoutingRefusedException($"There is no custom destination '{name}'.");
                }

                var routed = (await connection.QueryAsync<string>(new CommandDefinition(
                    "SELECT number FROM inbound_numbers WHERE destination_name = @name ORDER BY number", new { name }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
                if (routed.Count > 0)
                {
                    throw new RoutingRefusedException(
                        $"Custom destination '{name}' still has inbound numbers routed to it: {string.Join(", ", routed.Take(10))}{(routed.Count > 10 ? $" and {routed.Count - 10} more" : "")}. Unassign them first.");
                }

                return await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM custom_destinations WHERE name = @name", new { name }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private object Parameters(CustomDestination destination) => new
    {
        destination.Name,
        kind = CustomDestination.ToToken(destination.Kind),
        destination.Context,
        destination.Extension,
        destination.Priority,
        destination.Endpoint,
        destination.Number,
        now = store.Now(),
    };
}
