using System.Collections.Concurrent;
using System.Data.Common;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Destinations;
using LeadDesk.Store.Routing;
using LeadDesk.Store.Callbacks;

namespace LeadDesk.Store.Routes;

/// <summary>
/// The controller's per-call lookup. One indexed query joins the number with its agent, greeting and custom
/// destination, and nothing is cached, so a change made with the CLI applies to the very next call.
/// </summary>
public sealed class RouteDirectory(RoutingStore store) : IDisposable
{
    private const string FindSql = """
        SELECT n.number           AS Number,
               n.owned            AS Owned,
               n.destination_type AS DestinationType,
               n.queue_name       AS QueueName,
               a.id               AS AgentId,
               a.name             AS AgentName,
               a.extension        AS Extension,
               a.logged_in        AS LoggedIn,
               a.unreachable_type AS UnreachableType,
               a.voicemail_email  AS VoicemailEmail,
               CAST(CASE WHEN EXISTS (SELECT 1 FROM agent_greetings g WHERE g.agent_id = a.id) THEN 1 ELSE 0 END AS BIGINT) AS HasGreeting,
               d.name             AS DestinationName,
               d.kind             AS Kind,
               d.context          AS Context,
               d.exten            AS Exten,
               d.priority         AS Priority,
               d.endpoint         AS Endpoint,
               d.number           AS DestinationNumber,
               n.callback_window_seconds AS CallbackWindowSeconds
        FROM inbound_numbers n
        LEFT JOIN agents a ON a.id = n.agent_id
        LEFT JOIN custom_destinations d ON d.name = n.destination_name
        WHERE n.number = @number
        """;

    // One seek on the partial index ix_call_log_answered_outbound (the call log's own filter, so SQLite uses it): the
    // newest entry of (lead, caller ID) is the index's last, so @since stays at the beginning of time and the rule, not
    // the query, says whether it is inside the window (and can then say "expired" rather than "none"). Then the agent by key.
    internal const string CallbackSql = $"""
        SELECT call_log.agent_id, call_log.started_at, a.name, a.extension, a.logged_in
        FROM call_log
        LEFT JOIN agents a ON a.id = call_log.agent_id
        {CallLog.CallLogStore.AnsweredOutboundWhere}
          AND call_log.agent_id IS NOT NULL
        ORDER BY started_at DESC
        LIMIT 1
        """;

    // Statements prepared once per connection and kept: preparing this join costs ~200 µs, running it ~12 µs
    // (bench/). Each execution is its own read transaction in WAL, so a CLI change still applies to the next call.
    private readonly ConcurrentBag<PreparedLookup> _idle = [];
    private volatile bool _disposed;

    /// <summary>The route of <paramref name="e164"/>, or null when the number is not in the inventory.</summary>
    /// <param name="e164">An E.164 number, normalised with <see cref="Numbers.PhoneNumberNormalizer"/>.</param>
    public Task<InboundRoute?> FindAsync(string e164, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(e164);
        return WithLookupAsync(lookup => lookup.FindAsync(e164, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Who a callback from <paramref name="lead"/> to <paramref name="number"/> should reach: the agent of the newest
    /// answered outbound call to the lead that presented the number, however old (<see cref="CallbackDecider"/> holds it
    /// against the number's window); null when there is none.
    /// </summary>
    /// <param name="lead">The caller, in E.164.</param>
    /// <param name="number">The dialled inbound number, in E.164.</param>
    public Task<CallbackCandidate?> FindCallbackAsync(string lead, string number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(number);
        return WithLookupAsync(lookup => lookup.FindCallbackAsync(lead, number, cancellationToken), cancellationToken);
    }

    private async Task<T> WithLookupAsync<T>(Func<PreparedLookup, Task<T>> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var reused = _idle.TryTake(out var idle);
        var lookup = reused ? idle! : await PreparedLookup.OpenAsync(store, cancellationToken).ConfigureAwait(false);
        T result;
        try
        {
            result = await read(lookup).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException e) when (reused && e.IsTransient)
        {
            // A kept connection the server dropped while it sat idle (a PostgreSQL restart or failover): the call is
            // not failed for it; it is looked up once more on a fresh connection.
            lookup.Dispose();
            lookup = await PreparedLookup.OpenAsync(store, cancellationToken).ConfigureAwait(false);
            try
            {
                result = await read(lookup).ConfigureAwait(false);
            }
            catch
            {
                lookup.Dispose();
                throw;
            }
        }
        catch
        {
            // A connection in an unknown state is not reused.
            lookup.Dispose();
            throw;
        }

        if (_disposed)
        {
            lookup.Dispose();
        }
        else
        {
            _idle.Add(lookup);
        }

        return result;
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var lookup))
        {
            lookup.Dispose();
        }
    }

    /// <summary>
    /// Seconds a lookup may take before it fails (and the caller hears the failure tone): a caller waits in silence
    /// meanwhile, so never the 30 s default of a command. A healthy lookup takes microseconds.
    /// </summary>
    public const int LookupTimeoutSeconds = 3;

    /// <summary>One read connection with the lookup prepared on it; used by one call at a time.</summary>
    private sealed class PreparedLookup : IDisposable
    {
        private readonly DbConnection _connection;
        private readonly DbCommand _command;
        private readonly DbParameter _number;
        private DbCommand? _callback;

        private PreparedLookup(DbConnection connection)
        {
            _connection = connection;
            _command = connection.CreateCommand();
            _command.CommandText = FindSql;
            _command.CommandTimeout = LookupTimeoutSeconds;
            _number = _command.Add("@number");
            _command.Prepare();
        }

        public async Task<CallbackCandidate?> FindCallbackAsync(string lead, string number, CancellationToken cancellationToken)
        {
            if (_callback is null)
            {
                _callback = _connection.CreateCommand();
                _callback.CommandText = CallbackSql;
                _callback.CommandTimeout = LookupTimeoutSeconds;
                _callback.Add("@leadNumber");
                _callback.Add("@callerId");
                _callback.Add("@since").Value = Timestamps.Format(DateTimeOffset.MinValue);
                _callback.Prepare();
            }

            _callback.Parameters[0].Value = lead;
            _callback.Parameters[1].Value = number;
            await using var reader = await _callback.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var agentId = reader.GetString(0);
            return new CallbackCandidate(
                agentId,
                reader.IsDBNull(2) ? agentId : reader.GetString(2),
                reader.IsDBNull(3) ? "" : reader.GetString(3),
                !reader.IsDBNull(4) && reader.GetInt64(4) == 1,
                Timestamps.Parse(reader.GetString(1)));
        }

        public static async Task<PreparedLookup> OpenAsync(RoutingStore store, CancellationToken cancellationToken)
        {
            var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return new PreparedLookup(connection);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        public async Task<InboundRoute?> FindAsync(string e164, CancellationToken cancellationToken)
        {
            _number.Value = e164;
            await using var reader = await _command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            long? Number(int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
            return new RouteRow
            {
                Number = reader.GetString(0),
                Owned = reader.GetInt64(1),
                DestinationType = reader.GetString(2),
                QueueName = Text(3),
                AgentId = Text(4),
                AgentName = Text(5),
                Extension = Text(6),
                LoggedIn = Number(7),
                UnreachableType = Text(8),
                VoicemailEmail = Text(9),
                HasGreeting = Number(10),
                DestinationName = Text(11),
                Kind = Text(12),
                Context = Text(13),
                Exten = Text(14),
                Priority = Number(15),
                Endpoint = Text(16),
                DestinationNumber = Text(17),
                CallbackWindowSeconds = Number(18),
            }.ToRoute();
        }

        public void Dispose()
        {
            _callback?.Dispose();
            _command.Dispose();
            _connection.Dispose();
        }
    }

    private sealed class RouteRow
    {
        public string Number { get; set; } = "";
        public long Owned { get; set; }
        public string DestinationType { get; set; } = "";
        public string? QueueName { get; set; }
        public string? AgentId { get; set; }
        public string? AgentName { get; set; }
        public string? Extension { get; set; }
        public long? LoggedIn { get; set; }
        public string? UnreachableType { get; set; }
        public string? VoicemailEmail { get; set; }
        public long? HasGreeting { get; set; }
        public string? DestinationName { get; set; }
        public string? Kind { get; set; }
        public string? Context { get; set; }
        public string? Exten { get; set; }
        public long? Priority { get; set; }
        public string? Endpoint { get; set; }
        public string? DestinationNumber { get; set; }
        public long? CallbackWindowSeconds { get; set; }

        public InboundRoute ToRoute()
        {
            var type = DestinationTypes.Parse(DestinationType);
            AgentRouteTarget? agent = null;
            if (type == Routes.DestinationType.Agent && AgentId is not null)
            {
                UnreachableDestination unreachable = UnreachableType == "voicemail" && VoicemailEmail is not null
                    ? new UnreachableDestination.Voicemail(VoicemailEmail)
                    : UnreachableDestination.None;
                agent = new AgentRouteTarget(AgentId, AgentName ?? AgentId, Extension ?? "", LoggedIn == 1, unreachable, HasGreeting == 1);
            }

            var destination = type == Routes.DestinationType.Custom && DestinationName is not null && Kind is not null
                ? CustomDestination.FromRow(DestinationName, Kind, Context, Exten, Priority, Endpoint, DestinationNumber)
                : null;

            return new InboundRoute(Number, Owned == 1, type, agent, type == Routes.DestinationType.Queue ? QueueName : null, destination)
            {
                CallbackWindow = CallbackWindowSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            };
        }
    }
}
