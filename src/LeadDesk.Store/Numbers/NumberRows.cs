using System.Data.Common;
using System.Data;
using Dapper;
using LeadDesk.Store.Routes;

namespace LeadDesk.Store.Numbers;

/// <summary>Reads inventory rows; shared by the inventory, the route table and the listings.</summary>
internal static class NumberRows
{
    private const string SelectSql = """
        SELECT n.number AS Number, n.label AS Label, n.owned AS Owned, n.destination_type AS DestinationType,
               n.agent_id AS AgentId, a.name AS AgentName, COALESCE(n.queue_name, n.destination_name) AS Destination,
               n.callback_window_seconds AS CallbackWindowSeconds
        FROM inbound_numbers n
        LEFT JOIN agents a ON a.id = n.agent_id
        """;

    /// <summary>One number by its E.164 form; parameter <c>@e164</c>. For a <see cref="PreparedStatement"/>.</summary>
    public const string FindSql = SelectSql + " WHERE n.number = @e164";

    /// <summary>Runs a prepared <see cref="FindSql"/>: the bulk path, without re-preparing per number.</summary>
    public static async Task<InboundNumber?> FindAsync(DbCommand prepared, CancellationToken ct)
    {
        await using var reader = await prepared.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        return Read(reader);
    }

    // The columns of SelectSql, in order.
    private static InboundNumber Read(DbDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new Row
        {
            Number = reader.GetString(0),
            Label = Text(1),
            Owned = reader.GetInt64(2),
            DestinationType = reader.GetString(3),
            AgentId = Text(4),
            AgentName = Text(5),
            Destination = Text(6),
            CallbackWindowSeconds = reader.IsDBNull(7) ? null : reader.GetInt64(7),
        }.ToNumber();
    }

    public static async Task<InboundNumber?> FindAsync(IDbConnection connection, IDbTransaction? transaction, string e164, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            new CommandDefinition(FindSql, new { e164 }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToNumber();
    }

    /// <summary>All numbers, optionally of one type and/or pointing at one agent/queue/destination, in number order.</summary>
    public static async Task<IReadOnlyList<InboundNumber>> ListAsync(
        IDbConnection connection,
        IDbTransaction? transaction,
        DestinationType? type,
        string? agentId,
        string? queueName,
        string? destinationName,
        CancellationToken ct)
    {
        var sql = SelectSql + """
             WHERE (@type IS NULL OR n.destination_type = @type)
               AND (@agentId IS NULL OR n.agent_id = @agentId)
               AND (@queueName IS NULL OR n.queue_name = @queueName)
               AND (@destinationName IS NULL OR n.destination_name = @destinationName)
             ORDER BY n.number
            """;
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            sql,
            new { type = type?.ToToken(), agentId, queueName, destinationName },
            transaction,
            cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToNumber()).ToList();
    }

    private const string QueryFilter = """
         WHERE (@type IS NULL OR n.destination_type = @type)
           AND (@agentId IS NULL OR n.agent_id = @agentId)
           AND (@search IS NULL
                OR (@digits IS NOT NULL AND n.number LIKE '%' || @digits || '%')
                OR lower(n.label) LIKE '%' || lower(@search) || '%' ESCAPE '\'
                OR lower(n.agent_id) LIKE '%' || lower(@search) || '%' ESCAPE '\'
                OR lower(a.name) LIKE '%' || lower(@search) || '%' ESCAPE '\'
                OR lower(COALESCE(n.queue_name, n.destination_name)) LIKE '%' || lower(@search) || '%' ESCAPE '\')
        """;

    /// <summary>
    /// The numbers <paramref name="query"/> selects, read one row at a time as the caller consumes them: a listing of
    /// 100,000 numbers never holds them all in memory.
    /// </summary>
    public static async IAsyncEnumerable<InboundNumber> StreamAsync(
        DbConnection connection,
        RouteQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = SelectSql + QueryFilter + " ORDER BY n.number LIMIT @limit OFFSET @offset";
        Bind(command, query);
        command.Add("@limit", DbType.Int64).Value = query.Limit ?? long.MaxValue;
        command.Add("@offset", DbType.Int64).Value = (long)query.Offset;
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            yield return Read(reader);
        }
    }

    /// <summary>How many rows <paramref name="query"/> selects without its page, and the widest text of each column.</summary>
    public static async Task<RouteListShape> ShapeAsync(DbConnection connection, RouteQuery query, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*),
                   COALESCE(MAX(LENGTH(n.number) + CASE n.owned WHEN 0 THEN 12 ELSE 0 END), 0),
                   COALESCE(MAX(CASE WHEN n.agent_id IS NULL THEN 0 WHEN a.name IS NULL THEN LENGTH(n.agent_id) ELSE LENGTH(n.agent_id) + LENGTH(a.name) + 3 END), 0),
                   COALESCE(MAX(LENGTH(COALESCE(n.queue_name, n.destination_name, ''))), 0)
            FROM inbound_numbers n
            LEFT JOIN agents a ON a.id = n.agent_id
            """ + QueryFilter;
        Bind(command, query);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        // Counts are 64-bit on PostgreSQL, lengths 32-bit: read either as an int.
        int At(int i) => Convert.ToInt32(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
        return new RouteListShape(At(0), At(1), At(2), At(3));
    }

    private static void Bind(DbCommand command, RouteQuery query)
    {
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
        // Only a search that looks like (part of) a number is matched against numbers: "a1" must not find every 1.
        var digits = search is null || !search.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-')
            ? null
            : new string(search.Where(char.IsAsciiDigit).ToArray());
        command.Add("@type").Value = (object?)query.Type?.ToToken() ?? DBNull.Value;
        command.Add("@agentId").Value = (object?)query.AgentId?.Trim().ToLowerInvariant() ?? DBNull.Value;
        command.Add("@search").Value = (object?)search?.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) ?? DBNull.Value;
        command.Add("@digits").Value = string.IsNullOrEmpty(digits) ? DBNull.Value : digits;
    }

    /// <summary>
    /// One page of the numbers matching <paramref name="query"/>: LIMIT/OFFSET over the indexed columns, so a page
    /// costs the same with 100 or 100,000 numbers in the inventory.
    /// </summary>
    public static async Task<IReadOnlyList<InboundNumber>> PageAsync(
        IDbConnection connection, RoutePageQuery query, PhoneNumberNormalizer normalizer, StoreProvider provider, CancellationToken ct)
    {
        var (where, parameters) = query.Filter.ToSql(normalizer, provider);
        var direction = query.Descending ? "DESC" : "ASC";
        var order = query.Sort switch
        {
            RouteSort.DestinationUser => $"n.agent_id IS NULL, n.agent_id {direction}, n.number {direction}",
            RouteSort.Destination => $"COALESCE(n.queue_name, n.destination_name) IS NULL, COALESCE(n.queue_name, n.destination_name) {direction}, n.number {direction}",
            RouteSort.DestinationType => $"n.destination_type {direction}, n.number {direction}",
            _ => $"n.number {direction}",
        };
        parameters.Add("limit", Math.Clamp(query.Limit, 1, RoutePageQuery.MaxLimit));
        parameters.Add("offset", Math.Max(0, query.Offset));
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{SelectSql} WHERE {where} ORDER BY {order} LIMIT @limit OFFSET @offset", parameters, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToNumber()).ToList();
    }

    /// <summary>How many numbers match <paramref name="filter"/>.</summary>
    public static async Task<int> CountAsync(
        IDbConnection connection, RouteFilter filter, PhoneNumberNormalizer normalizer, StoreProvider provider, CancellationToken ct)
    {
        // The filter reads inbound_numbers alone (agents through a subquery), so the count needs no join and SQLite
        // counts on the primary-key index, which covers a number search.
        var (where, parameters) = filter.ToSql(normalizer, provider);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM inbound_numbers n WHERE {where}", parameters, cancellationToken: ct)).ConfigureAwait(false);
    }

    private sealed class Row
    {
        public string Number { get; set; } = "";
        public string? Label { get; set; }
        public long Owned { get; set; }
        public string DestinationType { get; set; } = "";
        public string? AgentId { get; set; }
        public string? AgentName { get; set; }
        public string? Destination { get; set; }
        public long? CallbackWindowSeconds { get; set; }

        public InboundNumber ToNumber() =>
            new(Number, Label, Owned == 1, DestinationTypes.Parse(DestinationType), AgentId, AgentName, Destination)
            {
                CallbackWindow = CallbackWindowSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
            };
    }
}
