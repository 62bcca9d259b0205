using System.Data.Common;
using System.Text.Json;
using Dapper;
using LeadDesk.Store.Numbers;

namespace LeadDesk.Store.Routes;

/// <summary>
/// A long explicit list (a <c>routes assign --file</c> of 100,000 lines, each number with its own target) as set
/// statements inside the caller's write transaction: the list goes into a temporary table in one statement (a JSON
/// array, read by SQLite's <c>json_each</c> or PostgreSQL's <c>json_array_elements</c>), and the checks, the audit
/// and the update are then one statement each over it. The per-number path (<see cref="RouteTable"/>) costs three
/// statements per number, which on SQLite is ~2 s for 100,000 and on PostgreSQL a network round trip each.
/// Same checks, messages, counts, warnings and audit rows as that path: entries keep the order they were given, so
/// the refusal names the same first bad entry (and its line) and the audit rows come out in the same order.
/// </summary>
internal sealed class ListRouteChange
{
    private const string Input = "route_change_input";

    private readonly IReadOnlyList<(NumberEntry Entry, string E164, RouteTarget Target)> _numbers;

    // Made before the write transaction: serialising 100,000 entries is ~0.1 s the call log need not wait for.
    private readonly string _json;

    /// <param name="numbers">Parsed and without repeats, in the order given (first occurrence).</param>
    public ListRouteChange(IReadOnlyList<(NumberEntry Entry, string E164, RouteTarget Target)> numbers)
    {
        _numbers = numbers;
        _json = JsonSerializer.Serialize(numbers.Select(n =>
            new[] { n.E164, n.Target.Type.ToToken(), n.Target.AgentId, n.Target.QueueName, n.Target.DestinationName, n.Target.ToString() }));
    }

    public async Task<RouteChangeResult> ApplyAsync(DbConnection connection, DbTransaction transaction, string actor, RoutingStore store, CancellationToken ct)
    {
        foreach (var (entry, _, target) in _numbers.DistinctBy(n => n.Target))
        {
            await RouteChangeRules.EnsureTargetExistsAsync(connection, transaction, entry.Line, target, ct).ConfigureAwait(false);
        }

        var postgres = store.Provider == StoreProvider.Postgres;
        var parameters = new DynamicParameters();
        parameters.Add("now", store.Now());
        parameters.Add("actor", actor);
        CommandDefinition Command(string sql) => new(sql, parameters, transaction, cancellationToken: ct);
        CommandDefinition Ddl(string sql) => new(sql, transaction: transaction, cancellationToken: ct);

        // ON COMMIT DROP on PostgreSQL; on SQLite the temp table is dropped below. A refusal rolls the
        // transaction back, and with it the table, on both.
        await connection.ExecuteAsync(Ddl($"""
            CREATE TEMP TABLE {Input} (
                position             {(postgres ? "BIGINT" : "INTEGER")} NOT NULL PRIMARY KEY,
                number               TEXT NOT NULL UNIQUE,
                new_type             TEXT NOT NULL,
                new_agent_id         TEXT NULL,
                new_queue_name       TEXT NULL,
                new_destination_name TEXT NULL,
                new_token            TEXT NOT NULL
            ){(postgres ? " ON COMMIT DROP" : "")}
            """)).ConfigureAwait(false);
        parameters.Add("changes", _json);
        await connection.ExecuteAsync(Command(postgres
            ? $"""
              INSERT INTO {Input}
              SELECT t.position - 1, t.item ->> 0, t.item ->> 1, t.item ->> 2, t.item ->> 3, t.item ->> 4, t.item ->> 5
              FROM json_array_elements(CAST(@changes AS json)) WITH ORDINALITY AS t(item, position)
              """
            : $"""
              INSERT INTO {Input}
              SELECT key, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
              FROM json_each(@changes)
              """)).ConfigureAwait(false);
        if (postgres)
        {
            // A fresh temp table has no statistics: without them the planner guesses a few rows and nests loops.
            await connection.ExecuteAsync(Ddl($"ANALYZE {Input}")).ConfigureAwait(false);
        }

        await RefuseFirstBadEntryAsync(connection, transaction, ct).ConfigureAwait(false);

        var changing = $"{RouteTarget.DescribeSql} <> c.new_token";
        var warnings = (await connection.QueryAsync<(string Number, string AgentId)>(Command($"""
                SELECT n.number, a.id
                FROM {Input} c
                JOIN inbound_numbers n ON n.number = c.number
                JOIN agents a ON a.id = n.agent_id AND a.outbound_cid = n.number
                WHERE {changing}
                ORDER BY c.position
                """)).ConfigureAwait(false))
            .Select(w => RouteChangeRules.CallerIdWarning(w.Number, w.AgentId))
            .ToList();
        var audited = await connection.ExecuteAsync(Command($"""
            INSERT INTO route_audit (changed_at, number, old_destination, new_destination, actor)
            SELECT @now, n.number, {RouteTarget.DescribeSql}, c.new_token, @actor
            FROM {Input} c
            JOIN inbound_numbers n ON n.number = c.number
            WHERE {changing}
            ORDER BY c.position
            """)).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(Command($"""
            UPDATE inbound_numbers AS n
            SET destination_type = c.new_type, agent_id = c.new_agent_id, queue_name = c.new_queue_name,
                destination_name = c.new_destination_name, updated_at = @now
            FROM {Input} c
            WHERE c.number = n.number AND {changing}
            """)).ConfigureAwait(false);
        if (audited != changed)
        {
            throw new InvalidOperationException($"The audit recorded {audited} changes but {changed} numbers changed.");
        }

        if (!postgres)
        {
            await connection.ExecuteAsync(Ddl($"DROP TABLE temp.{Input}")).ConfigureAwait(false);
        }

        return new RouteChangeResult(changed, _numbers.Count - changed, warnings);
    }

    // The first entry (in the order given) that is not in the inventory or cannot go to its target, refused with
    // the per-number path's words; that path checks each entry in this order: inventory, ownership, queue.
    private async Task RefuseFirstBadEntryAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var bad = (await connection.QueryAsync<(long Position, long Missing, long Owned, string? Queue)>(new CommandDefinition(
            $"""
            SELECT c.position, CAST(CASE WHEN n.number IS NULL THEN 1 ELSE 0 END AS BIGINT), COALESCE(n.owned, 1), n.queue_name
            FROM {Input} c
            LEFT JOIN inbound_numbers n ON n.number = c.number
            WHERE n.number IS NULL
               OR (n.owned = 0 AND {RouteChangeRules.NeedsOwnershipSql("c.new_type")})
               OR (n.destination_type = 'queue' AND {RouteChangeRules.RefusesQueueNumbersSql("c.new_type")})
            ORDER BY c.position
            LIMIT 1
            """,
            transaction: transaction,
            cancellationToken: ct)).ConfigureAwait(false)).AsList();
        if (bad.Count == 0)
        {
            return;
        }

        var (entry, e164, _) = _numbers[checked((int)bad[0].Position)];
        throw bad[0].Missing == 1 ? RouteChangeRules.NotInInventory(entry, e164)
            : bad[0].Owned == 0 ? RouteChangeRules.NotOwned(entry, e164)
            : RouteChangeRules.QueueNumber(entry, e164, bad[0].Queue);
    }
}
