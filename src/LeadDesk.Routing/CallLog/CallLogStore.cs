using Dapper;
using Microsoft.Data.Sqlite;

namespace LeadDesk.Routing;

/// <summary>
/// The call log: the controller opens a row when a call reaches Stasis and completes it when the call ends,
/// so even a controller crash leaves a trace of the call.
/// </summary>
public sealed class CallLogStore(RoutingStore store)
{
    // Caller names and numbers come from the far end; bounded so one hostile INVITE cannot bloat the file.
    private const int MaxTextLength = 256;

    private const string SelectRows = """
        SELECT id AS Id, channel_id AS ChannelId, started_at AS StartedAt, answered_at AS AnsweredAt, ended_at AS EndedAt,
               dialled_number AS DialledNumber, caller_number AS CallerNumber, caller_name AS CallerName, route_type AS RouteType,
               agent_id AS AgentId, destination AS Destination, outcome AS Outcome, detail AS Detail, total_ms AS TotalMs, talk_ms AS TalkMs
        FROM call_log
        """;

    /// <summary>Opens the row for a call that just arrived; returns its id.</summary>
    public async Task<long> StartAsync(
        string channelId, DateTimeOffset startedAt, string dialledNumber, string callerNumber, string? callerName, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await StartAsync(connection, null, new CallLogWrite.Start(channelId, startedAt, dialledNumber, callerNumber, callerName), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records how the call ended; durations are computed from the stored start.</summary>
    public async Task CompleteAsync(long id, CallOutcome outcome, CallCompletion completion, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await CompleteAsync(connection, null, new CallLogWrite.Complete(id, outcome, completion), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies <paramref name="writes"/> in order in one transaction and returns each one's row id. A busy
    /// controller writes two rows' worth per call; one commit (and one fsync) for many calls is what keeps the
    /// call log off the calls' critical path. All or nothing: on an error no write of the batch is kept.
    /// </summary>
    public async Task<IReadOnlyList<long>> WriteBatchAsync(IReadOnlyList<CallLogWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return await store.WriteAsync(
            async (connection, transaction) =>
            {
                var ids = new long[writes.Count];
                for (var i = 0; i < writes.Count; i++)
                {
                    ids[i] = writes[i] switch
                    {
                        CallLogWrite.Start start => await StartAsync(connection, transaction, start, cancellationToken).ConfigureAwait(false),
                        CallLogWrite.Complete complete => await CompleteAsync(connection, transaction, complete, cancellationToken).ConfigureAwait(false),
                        _ => throw new ArgumentException($"Unknown call-log write {writes[i]}", nameof(writes)),
                    };
                }

                return (IReadOnlyList<long>)ids;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static Task<long> StartAsync(SqliteConnection connection, SqliteTransaction? transaction, CallLogWrite.Start start, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO call_log (channel_id, started_at, dialled_number, caller_number, caller_name)
            VALUES (@channelId, @startedAt, @dialledNumber, @callerNumber, @callerName)
            RETURNING id
            """,
            new
            {
                channelId = Bound(start.ChannelId),
                startedAt = Timestamps.Format(start.StartedAt),
                dialledNumber = Bound(start.DialledNumber),
                callerNumber = Bound(start.CallerNumber),
                callerName = start.CallerName is null ? null : Bound(start.CallerName),
            },
            transaction,
            cancellationToken: cancellationToken));

    private static async Task<long> CompleteAsync(SqliteConnection connection, SqliteTransaction? transaction, CallLogWrite.Complete complete, CancellationToken cancellationToken)
    {
        var (id, outcome, completion) = complete;
        ArgumentNullException.ThrowIfNull(completion);
        var startedText = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT started_at FROM call_log WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"There is no call-log row {id}.");
        var started = Timestamps.Parse(startedText);
        var total = completion.EndedAt - started;
        TimeSpan? talk = completion.AnsweredAt is { } answered ? completion.EndedAt - answered : null;

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE call_log
            SET ended_at = @endedAt, answered_at = @answeredAt, outcome = @outcome, route_type = COALESCE(@routeType, route_type),
                agent_id = COALESCE(@agentId, agent_id), destination = COALESCE(@destination, destination), detail = @detail,
                dialled_number = COALESCE(@dialledNumber, dialled_number), total_ms = @totalMs, talk_ms = @talkMs
            WHERE id = @id
            """,
            new
            {
                id,
                endedAt = Timestamps.Format(completion.EndedAt),
                answeredAt = completion.AnsweredAt is { } a ? Timestamps.Format(a) : null,
                outcome = outcome.ToToken(),
                routeType = completion.RouteType,
                agentId = completion.AgentId,
                destination = completion.Destination is null ? null : Bound(completion.Destination),
                detail = completion.Detail is null ? null : Bound(completion.Detail),
                dialledNumber = completion.DialledNumber,
                totalMs = (long)Math.Max(0, total.TotalMilliseconds),
                talkMs = talk is { } t ? (long?)Math.Max(0, t.TotalMilliseconds) : null,
            },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return id;
    }

    /// <summary>The latest calls, newest first.</summary>
    public async Task<IReadOnlyList<CallLogEntry>> ListAsync(int limit = 50, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            {SelectRows}
            ORDER BY id DESC
            LIMIT @limit
            """,
            new { limit = Math.Max(1, limit) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToEntry()).ToList();
    }

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
            TalkMs is { } k ? TimeSpan.FromMilliseconds(k) : null);
    }
}
