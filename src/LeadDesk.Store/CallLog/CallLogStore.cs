using Dapper;
using System.Data.Common;
using LeadDesk.Store;

namespace LeadDesk.Store.CallLog;

/// <summary>
/// The call log: the controller opens a row when a call reaches Stasis and completes it when the call ends,
/// so even a controller crash leaves a trace of the call.
/// </summary>
public sealed partial class CallLogStore(RoutingStore store)
{
    // Caller names and numbers come from the far end; bounded so one hostile INVITE cannot bloat the file.
    private const int MaxTextLength = 256;

    private const string SelectRows = """
        SELECT id AS Id, channel_id AS ChannelId, started_at AS StartedAt, answered_at AS AnsweredAt, ended_at AS EndedAt,
               dialled_number AS DialledNumber, caller_number AS CallerNumber, caller_name AS CallerName, route_type AS RouteType,
               agent_id AS AgentId, destination AS Destination, outcome AS Outcome, detail AS Detail, total_ms AS TotalMs, talk_ms AS TalkMs,
               direction AS Direction, lead_number AS LeadNumber, caller_id_used AS CallerIdUsed
        FROM call_log
        """;

    /// <summary>Opens the row for a call that just arrived; returns its id.</summary>
    public async Task<long> StartAsync(
        string channelId, DateTimeOffset startedAt, string dialledNumber, string callerNumber, string? callerName, CancellationToken cancellationToken = default) =>
        (await WriteBatchAsync([new CallLogWrite.Start(channelId, startedAt, dialledNumber, callerNumber, callerName)], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Records how the call ended; durations are computed from the stored start.</summary>
    public Task CompleteAsync(long id, CallOutcome outcome, CallCompletion completion, CancellationToken cancellationToken = default) =>
        WriteBatchAsync([new CallLogWrite.Complete(id, outcome, completion)], cancellationToken);

    /// <summary>Like <see cref="CompleteAsync"/>, but leaves a row that has an outcome already untouched.</summary>
    public Task CompleteIfOpenAsync(long id, CallOutcome outcome, CallCompletion completion, CancellationToken cancellationToken = default) =>
        WriteBatchAsync([new CallLogWrite.Complete(id, outcome, completion, OnlyIfOpen: true)], cancellationToken);

    /// <summary>
    /// Applies <paramref name="writes"/> in order in one transaction and returns each one's row id. A busy
    /// controller writes two rows' worth per call; one commit (and one fsync) for many calls, with each statement
    /// prepared once per batch, is what keeps the call log off the calls' critical path. All or nothing: on an
    /// error no write of the batch is kept.
    /// </summary>
    public async Task<IReadOnlyList<long>> WriteBatchAsync(IReadOnlyList<CallLogWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return await store.WriteAsync(
            async (connection, transaction) =>
            {
                using var commands = new BatchCommands(connection) { Transaction = transaction };
                return await commands.ApplyAsync(writes, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A connection of its own with the call-log statements prepared once, for a process that writes the log
    /// all day (the controller): each batch is then one transaction of already-prepared statements.
    /// </summary>
    public async Task<CallLogBatchWriter> OpenBatchWriterAsync(CancellationToken cancellationToken = default) =>
        new(store, await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>See <see cref="OpenBatchWriterAsync"/>; used by one writer at a time.</summary>
    public sealed class CallLogBatchWriter : IDisposable
    {
        private readonly RoutingStore _store;
        private readonly DbConnection _connection;
        private readonly BatchCommands _commands;

        internal CallLogBatchWriter(RoutingStore store, DbConnection connection)
        {
            _store = store;
            _connection = connection;
            _commands = new BatchCommands(connection);
        }

        /// <inheritdoc cref="WriteBatchAsync"/>
        public async Task<IReadOnlyList<long>> WriteAsync(IReadOnlyList<CallLogWrite> writes, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(writes);
            using var transaction = _store.BeginCallPath(_connection);
            _commands.Transaction = transaction;
            var ids = await _commands.ApplyAsync(writes, cancellationToken).ConfigureAwait(false);
            transaction.Commit();
            return ids;
        }

        public void Dispose()
        {
            _commands.Dispose();
            _connection.Dispose();
        }
    }

    /// <summary>The call-log statements, each prepared on first use and reused until disposed.</summary>
    private sealed class BatchCommands(DbConnection connection) : IDisposable
    {
        private DbTransaction? _transaction;

        public DbTransaction? Transaction
        {
            get => _transaction;
            set
            {
                _transaction = value;
                foreach (var statement in new[] { _insert, _started, _update, _updateIfOpen })
                {
                    statement?.Transaction = value;
                }
            }
        }

        public async Task<IReadOnlyList<long>> ApplyAsync(IReadOnlyList<CallLogWrite> writes, CancellationToken cancellationToken)
        {
            var ids = new long[writes.Count];
            for (var i = 0; i < writes.Count; i++)
            {
                ids[i] = writes[i] switch
                {
                    CallLogWrite.Start start => await StartAsync(start, cancellationToken).ConfigureAwait(false),
                    CallLogWrite.Complete complete => await CompleteAsync(complete, cancellationToken).ConfigureAwait(false),
                    _ => throw new ArgumentException($"Unknown call-log write {writes[i]}", nameof(writes)),
                };
            }

            return ids;
        }

        private PreparedStatement? _insert;
        private PreparedStatement? _started;
        private PreparedStatement? _update;
        private PreparedStatement? _updateIfOpen;

        private const string UpdateSql = """
            UPDATE call_log
            SET ended_at = @endedAt, answered_at = @answeredAt, outcome = @outcome, route_type = COALESCE(@routeType, route_type),
                agent_id = COALESCE(@agentId, agent_id), destination = COALESCE(@destination, destination), detail = @detail,
                dialled_number = COALESCE(@dialledNumber, dialled_number), total_ms = @totalMs, talk_ms = @talkMs,
                caller_id_used = COALESCE(@callerIdUsed, caller_id_used)
            WHERE id = @id
            """;

        private static readonly string[] UpdateParameters =
            ["@endedAt", "@answeredAt", "@outcome", "@routeType", "@agentId", "@destination", "@detail", "@dialledNumber", "@totalMs", "@talkMs", "@callerIdUsed", "@id"];

        public async Task<long> StartAsync(CallLogWrite.Start start, CancellationToken cancellationToken)
        {
            _insert ??= Prepare(
                """
                INSERT INTO call_log (channel_id, started_at, dialled_number, caller_number, caller_name, direction, lead_number, caller_id_used)
                VALUES (@channelId, @startedAt, @dialledNumber, @callerNumber, @callerName, @direction, @leadNumber, @callerIdUsed)
                RETURNING id
                """,
                "@channelId", "@startedAt", "@dialledNumber", "@callerNumber", "@callerName", "@direction", "@leadNumber", "@callerIdUsed");
            var command = _insert.With(Bound(start.ChannelId), Timestamps.Format(start.StartedAt), Bound(start.DialledNumber), Bound(start.CallerNumber),
                start.CallerName is null ? null : Bound(start.CallerName), start.Direction.ToToken(),
                start.LeadNumber is null ? null : Bound(start.LeadNumber), start.CallerIdUsed is null ? null : Bound(start.CallerIdUsed));
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        public async Task<long> CompleteAsync(CallLogWrite.Complete complete, CancellationToken cancellationToken)
        {
            var (id, outcome, completion, onlyIfOpen) = complete;
            ArgumentNullException.ThrowIfNull(completion);
            _started ??= Prepare("SELECT started_at FROM call_log WHERE id = @id", "@id");
            var startedText = await _started.With(id).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string
                ?? throw new InvalidOperationException($"There is no call-log row {id}.");
            var started = Timestamps.Parse(startedText);
            var total = completion.EndedAt - started;
            TimeSpan? talk = completion.AnsweredAt is { } answered ? completion.EndedAt - answered : null;

            var update = onlyIfOpen
                ? _updateIfOpen ??= Prepare(UpdateSql + " AND outcome IS NULL", UpdateParameters)
                : _update ??= Prepare(UpdateSql, UpdateParameters);
            await update.With(
                Timestamps.Format(completion.EndedAt),
                completion.AnsweredAt is { } a ? Timestamps.Format(a) : null,
                outcome.ToToken(),
                completion.RouteType,
                completion.AgentId,
                completion.Destination is null ? null : Bound(completion.Destination),
                completion.Detail is null ? null : Bound(completion.Detail),
                completion.DialledNumber,
                (long)Math.Max(0, total.TotalMilliseconds),
                talk is { } t ? (long?)Math.Max(0, t.TotalMilliseconds) : null,
                completion.CallerIdUsed,
                id).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return id;
        }

        public void Dispose()
        {
            _insert?.Dispose();
            _started?.Dispose();
            _update?.Dispose();
            _updateIfOpen?.Dispose();
        }

        private PreparedStatement Prepare(string sql, params string[] parameters) => new(connection, _transaction, sql, parameters);
    }

    /// <summary>
    /// How the calls that started at or after <paramref name="since"/> ended, by outcome (calls still in progress are
    /// not counted). One range scan on <c>ix_call_log_started</c>.
    /// </summary>
    public async Task<IReadOnlyDictionary<CallOutcome, int>> CountOutcomesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Outcome, long Calls)>(new CommandDefinition(
            "SELECT outcome, COUNT(*) FROM call_log WHERE started_at >= @since AND outcome IS NOT NULL GROUP BY outcome",
            new { since = Timestamps.Format(since) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var counts = new Dictionary<CallOutcome, int>();
        foreach (var (outcome, calls) in rows)
        {
            // A token a newer controller wrote and this build does not know is left out, not a failure.
            if (CallOutcomes.TryParse(outcome, out var known))
            {
                counts[known] = (int)calls;
            }
        }

        return counts;
    }

    /// <summary>The latest calls of both directions, newest first.</summary>
    public async Task<IReadOnlyList<CallLogEntry>> ListAsync(int limit = 50, CancellationToken cancellationToken = default) =>
        await ListAsync(limit, null, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc cref="ListAsync(int, CancellationToken)"/>
    public async Task<IReadOnlyList<CallLogEntry>> ListAsync(int limit, CallDirection? direction, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            {SelectRows}
            {(direction is null ? "" : "WHERE direction = @direction")}
            ORDER BY id DESC
            LIMIT @limit
            """,
            new { limit = Math.Max(1, limit), direction = direction?.ToToken() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToEntry()).ToList();
    }

    /// <summary>
    /// The newest answered outbound call to <paramref name="leadNumber"/> that presented <paramref name="callerId"/>
    /// and started at or after <paramref name="since"/>, or null: who a callback should reach. One seek on
    /// <c>ix_call_log_answered_outbound</c>.
    /// </summary>
    public async Task<CallLogEntry?> FindLastAnsweredOutboundAsync(
        string leadNumber, string callerId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"""
            {SelectRows}
            {AnsweredOutboundWhere}
            ORDER BY started_at DESC
            LIMIT 1
            """,
            new { leadNumber, callerId, since = Timestamps.Format(since) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToEntry();
    }

    /// <summary>The filter of <see cref="FindLastAnsweredOutboundAsync"/>; it repeats the partial index's condition so SQLite uses it.</summary>
    internal const string AnsweredOutboundWhere = """
        WHERE direction = 'outbound' AND outcome = 'answered'
          AND lead_number = @leadNumber AND caller_id_used = @callerId AND started_at >= @since
        """;

    /// <summary>
    /// Rows with no outcome yet: calls in progress, or calls a previous controller process never finished
    /// (it crashed, or left a conversation talking for the next start to adopt).
    /// </summary>
    public async Task<IReadOnlyList<CallLogEntry>> ListOpenAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            {SelectRows}
            WHERE outcome IS NULL
            ORDER BY id
            """,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToEntry()).ToList();
    }

    private static string Bound(string value) => value.Length > MaxTextLength ? value[..MaxTextLength] : value;

    private sealed class Row
    {
        public long Id { get; set; }
        public string ChannelId { get; set; } = "";
        public string StartedAt { get; set; } = "";
        public string? AnsweredAt { get; set; }
        public string? EndedAt { get; set; }
        public string DialledNumber { get; set; } = "";
        public string CallerNumber { get; set; } = "";
        public string? CallerName { get; set; }
        public string? RouteType { get; set; }
        public string? AgentId { get; set; }
        public string? Destination { get; set; }
        public string? Outcome { get; set; }
        public string? Detail { get; set; }
        public long? TotalMs { get; set; }
        public long? TalkMs { get; set; }
        public string Direction { get; set; } = "inbound";
        public string? LeadNumber { get; set; }
        public string? CallerIdUsed { get; set; }

        public CallLogEntry ToEntry() => new(
            Id,
            ChannelId,
            Timestamps.Parse(StartedAt),
            Timestamps.ParseOrNull(AnsweredAt),
            Timestamps.ParseOrNull(EndedAt),
            DialledNumber,
            CallerNumber,
            CallerName,
            RouteType,
            AgentId,
            Destination,
            Outcome is not null && CallOutcomes.TryParse(Outcome, out var o) ? o : null,
            Detail,
            TotalMs is { } t ? TimeSpan.FromMilliseconds(t) : null,
            TalkMs is { } k ? TimeSpan.FromMilliseconds(k) : null,
            CallDirections.TryParse(Direction, out var d) ? d : CallDirection.Inbound,
            LeadNumber,
            CallerIdUsed);
    }
}
