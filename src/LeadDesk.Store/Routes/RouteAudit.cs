using Dapper;
using System.Data.Common;
using LeadDesk.Store;

namespace LeadDesk.Store.Routes;

/// <summary>Writes and reads <c>route_audit</c>, inside the caller's transaction so a change and its record commit together.</summary>
internal static class RouteAudit
{
    private const string InsertSql = """
        INSERT INTO route_audit (changed_at, number, old_destination, new_destination, actor)
        VALUES (@now, @number, @oldDestination, @newDestination, @actor)
        """;

    /// <summary>The audit insert for a bulk change; parameters: now, number, old, new, actor.</summary>
    public static PreparedStatement Prepare(DbConnection connection, DbTransaction transaction) =>
        new(connection, transaction, InsertSql, "@now", "@number", "@oldDestination", "@newDestination", "@actor");

    public static Task RecordAsync(
        DbConnection connection, DbTransaction transaction, string now, string number, string oldDestination, string newDestination, string actor, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            InsertSql,
            new { now, number, oldDestination, newDestination, actor },
            transaction,
            cancellationToken: ct));

    public static async Task<IReadOnlyList<RouteAuditEntry>> ListAsync(DbConnection connection, string? number, int limit, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(long Id, string ChangedAt, string Number, string OldDestination, string NewDestination, string Actor)>(
            new CommandDefinition(
                """
                SELECT id, changed_at, number, old_destination, new_destination, actor
                FROM route_audit
                WHERE (@number IS NULL OR number = @number)
                ORDER BY id DESC
                LIMIT @limit
                """,
                new { number, limit = Math.Max(1, limit) },
                cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => new RouteAuditEntry(r.Id, Timestamps.Parse(r.ChangedAt), r.Number, r.OldDestination, r.NewDestination, r.Actor)).ToList();
    }
}
