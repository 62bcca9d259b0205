using System.Data.Common;
using Dapper;
using LeadDesk.Store.Numbers;

namespace LeadDesk.Store.Routes;

/// <summary>
/// "All matching the filter" as a few set statements inside the caller's write transaction, in place of a find, an
/// update and an audit insert per number: 100,000 numbers must commit within 2 s while calls go on (issue 17), and
/// on SQLite every millisecond the write lock is held is a millisecond the call log waits.
/// The checks, messages, counts, warnings and audit rows are those of the per-number path (<see cref="RouteTable"/>):
/// numbers are taken in number order, so the refusal names the same first number, and unchanged rows are the ones
/// whose audit form already is the target's (<see cref="RouteTarget.DescribeSql"/>).
/// </summary>
internal static class MatchingRouteChange
{
    public static async Task<RouteChangeResult> ApplyAsync(
        DbConnection connection,
        DbTransaction transaction,
        RouteFilter filter,
        RouteTarget target,
        string actor,
        RoutingStore store,
        PhoneNumberNormalizer normalizer,
        CancellationToken ct)
    {
        var (where, parameters) = filter.ToSql(normalizer, store.Provider);
        CommandDefinition Command(string sql) => new(sql, parameters, transaction, cancellationToken: ct);

        var matched = await connection.ExecuteScalarAsync<long>(Command($"SELECT COUNT(*) FROM inbound_numbers n WHERE {where}")).ConfigureAwait(false);
        if (matched == 0)
        {
            throw new RoutingRefusedException("No numbers match the filter.");
        }

        await RouteChangeRules.EnsureTargetExistsAsync(connection, transaction, null, target, ct).ConfigureAwait(false);
        await RefuseFirstMisfitAsync(connection, transaction, where, parameters, target, ct).ConfigureAwait(false);

        parameters.Add("newToken", target.ToString());
        parameters.Add("newType", target.Type.ToToken());
        parameters.Add("newAgentId", target.AgentId);
        parameters.Add("newQueueName", target.QueueName);
        parameters.Add("newDestinationName", target.DestinationName);
        parameters.Add("now", store.Now());
        parameters.Add("actor", actor);
        var changing = $"({where}) AND {RouteTarget.DescribeSql} <> @newToken";

        // Read before the update: the warning is about the agent the number is taken from.
        var warnings = (await connection.QueryAsync<(string Number, string AgentId)>(Command($"""
                SELECT n.number, a.id
                FROM inbound_numbers n
                JOIN agents a ON a.id = n.agent_id AND a.outbound_cid = n.number
                WHERE {changing}
                ORDER BY n.number
                """)).ConfigureAwait(false))
            .Select(w => RouteChangeRules.CallerIdWarning(w.Number, w.AgentId))
            .ToList();

        // The audit first, while the rows still hold their old destination; in number order, as the per-number
        // path writes them, so the audit ids come out in the same order.
        var audited = await connection.ExecuteAsync(Command($"""
            INSERT INTO route_audit (changed_at, number, old_destination, new_destination, actor)
            SELECT @now, n.number, {RouteTarget.DescribeSql}, @newToken, @actor
            FROM inbound_numbers n
            WHERE {changing}
            ORDER BY n.number
            """)).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(Command($"""
            UPDATE inbound_numbers AS n
            SET destination_type = @newType, agent_id = @newAgentId, queue_name = @newQueueName,
                destination_name = @newDestinationName, updated_at = @now
            WHERE {changing}
            """)).ConfigureAwait(false);
        if (audited != changed)
        {
            // Both statements read the same rows under the write lock: a difference is a bug, and the audit must
            // never disagree with the routes, so nothing commits.
            throw new InvalidOperationException($"The audit recorded {audited} changes but {changed} numbers changed.");
        }

        return new RouteChangeResult(changed, checked((int)matched) - changed, warnings);
    }

    // The first number (in number order) that cannot go to the target, refused with the per-number path's words.
    private static async Task RefuseFirstMisfitAsync(
        DbConnection connection, DbTransaction transaction, string where, DynamicParameters parameters, RouteTarget target, CancellationToken ct)
    {
        var misfits = new List<string>(2);
        if (RouteChangeRules.NeedsOwnership(target))
        {
            misfits.Add("n.owned = 0");
        }

        if (RouteChangeRules.RefusesQueueNumbers(target))
        {
            misfits.Add("n.destination_type = 'queue'");
        }

        if (misfits.Count == 0)
        {
            return;
        }

        var misfit = (await connection.QueryAsync<(string Number, long Owned, string? Queue)>(new CommandDefinition(
            $"""
            SELECT n.number, n.owned, n.queue_name
            FROM inbound_numbers n
            WHERE ({where}) AND ({string.Join(" OR ", misfits)})
            ORDER BY n.number
            LIMIT 1
            """,
            parameters,
            transaction,
            cancellationToken: ct)).ConfigureAwait(false)).AsList();
        if (misfit.Count == 0)
        {
            return;
        }

        var m = misfit[0];

        // The per-number path checks ownership first; a number we do not own is never a queue's (schema CHECK).
        var entry = new NumberEntry(m.Number);
        throw m.Owned == 0 ? RouteChangeRules.NotOwned(entry, m.Number) : RouteChangeRules.QueueNumber(entry, m.Number, m.Queue);
    }
}
