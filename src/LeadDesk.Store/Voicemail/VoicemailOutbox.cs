using Dapper;
using LeadDesk.Store;

namespace LeadDesk.Store.Voicemail;

/// <summary>
/// Voicemail waiting to be mailed, durable in the shared SQLite file: the call writes a message here before the
/// recording is deleted from Asterisk, and the controller's sender works it until the mail server accepts it.
/// Retry state (attempts, next attempt) lives in the row, so a restart resumes the schedule where it stood.
/// </summary>
public sealed class VoicemailOutbox(RoutingStore store)
{
    // Caller and agent text is bounded like the call log's: one hostile INVITE cannot bloat the file.
    private const int MaxTextLength = 256;

    // Server replies can be long; the CLI shows one line.
    private const int MaxErrorLength = 1000;

    private const string Columns =
        """
        id AS Id, message_id AS MessageId, agent_id AS AgentId, agent_name AS AgentName, to_address AS ToAddress,
        caller AS Caller, caller_name AS CallerName, dialled AS Dialled, recorded_at AS RecordedAt, duration_ms AS DurationMs,
        call_id AS CallId, state AS State, attempts AS Attempts, next_attempt_at AS NextAttemptAt, last_error AS LastError,
        sent_at AS SentAt
        """;

    /// <summary>Stores a message for sending now; returns its row id. Its Message-Id is made here, once.</summary>
    public async Task<VoicemailEntry> EnqueueAsync(VoicemailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var messageId = $"<vm-{Guid.NewGuid():N}@leaddesk>";
        var now = store.Time.GetUtcNow();
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO voicemail_outbox (message_id, agent_id, agent_name, to_address, caller, caller_name, dialled, recorded_at,
                                          duration_ms, wav, call_id, state, attempts, next_attempt_at)
            VALUES (@messageId, @agentId, @agentName, @toAddress, @caller, @callerName, @dialled, @recordedAt,
                    @durationMs, @wav, @callId, 'pending', 0, @now)
            RETURNING id
            """,
            new
            {
                messageId,
                agentId = message.AgentId,
                agentName = Bound(message.AgentName),
                toAddress = message.ToAddress,
                caller = Bound(message.Caller) ?? "",
                callerName = Bound(message.CallerName),
                dialled = Bound(message.Dialled) ?? "",
                recordedAt = Timestamps.Format(message.RecordedAt),
                durationMs = (long)Math.Round(message.Duration.TotalMilliseconds),
                wav = message.Wav,
                callId = Bound(message.CallId),
                now = Timestamps.Format(now),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new VoicemailEntry(id, messageId, message, VoicemailState.Pending, 0, now, null, null);
    }

    /// <summary>How long a sender holds the messages it took before another may take them (it died mid-send).</summary>
    public static readonly TimeSpan SendClaim = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Pending messages whose next attempt is due, oldest first, with their audio, claimed for
    /// <paramref name="sender"/> for <see cref="SendClaim"/>: with several controllers on one store each message is
    /// taken by one sender (on PostgreSQL the rows another sender is taking are skipped, not waited for). Marking a
    /// message sent, retried or failed ends the claim. A sender that dies between the server's acceptance and that
    /// mark leaves the message to be sent again after the claim: SMTP has no way to make that exactly once.
    /// </summary>
    public async Task<IReadOnlyList<VoicemailEntry>> TakeDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default, string sender = "controller")
    {
        var skipLocked = store.Provider == StoreProvider.Postgres ? " FOR UPDATE SKIP LOCKED" : "";
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            UPDATE voicemail_outbox SET claimed_by = @sender, claimed_until = @until
            WHERE id IN (
                SELECT id FROM voicemail_outbox
                WHERE state = 'pending' AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now)
                ORDER BY next_attempt_at, id
                LIMIT @limit{skipLocked})
            RETURNING {Columns}, wav AS Wav
            """,
            new { now = Timestamps.Format(now), until = Timestamps.Format(now + SendClaim), sender, limit = (long)Math.Max(1, limit) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToEntry()).OrderBy(e => e.NextAttemptAt).ThenBy(e => e.Id).ToList();
    }

    /// <summary>Gives back the pending messages <paramref name="sender"/> took and did not finish: at its clean stop.</summary>
    public async Task<int> ReleaseClaimsAsync(string sender, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE voicemail_outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = @sender AND state = 'pending'",
            new { sender },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>When the next pending message falls due, or null when nothing is pending.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var next = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT MIN(next_attempt_at) FROM voicemail_outbox WHERE state = 'pending'",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return Timestamps.ParseOrNull(next);
    }

    /// <summary>How many messages wait to be sent, and when the oldest of them was recorded (null when none waits).</summary>
    public async Task<(int Pending, DateTimeOffset? OldestRecordedAt)> BacklogAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<(long Pending, string? Oldest)>(new CommandDefinition(
            "SELECT COUNT(*), MIN(recorded_at) FROM voicemail_outbox WHERE state = 'pending'",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return ((int)row.Pending, Timestamps.ParseOrNull(row.Oldest));
    }

    /// <summary>The server accepted the message: it is never sent again unless someone resends it.</summary>
    public Task MarkSentAsync(long id, CancellationToken cancellationToken = default) =>
        UpdateAsync(
            "UPDATE voicemail_outbox SET state = 'sent', attempts = attempts + 1, sent_at = @now, last_error = NULL, claimed_by = NULL, claimed_until = NULL WHERE id = @id",
            new { id, now = store.Now() },
            cancellationToken);

    /// <summary>A temporary failure: stays pending, tried again at <paramref name="nextAttemptAt"/>.</summary>
    public Task MarkRetryAsync(long id, int attempts, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken = default) =>
        UpdateAsync(
            "UPDATE voicemail_outbox SET attempts = @attempts, next_attempt_at = @next, last_error = @error, claimed_by = NULL, claimed_until = NULL WHERE id = @id AND state = 'pending'",
            new { id, attempts, next = Timestamps.Format(nextAttemptAt), error = BoundError(error) },
            cancellationToken);

    /// <summary>The server refused the message for good; <paramref name="error"/> is its reason.</summary>
    public Task MarkFailedAsync(long id, string error, CancellationToken cancellationToken = default) =>
        UpdateAsync(
            "UPDATE voicemail_outbox SET state = 'failed', attempts = attempts + 1, last_error = @error, claimed_by = NULL, claimed_until = NULL WHERE id = @id",
            new { id, error = BoundError(error) },
            cancellationToken);

    /// <summary>
    /// Queues a message again for sending now, whatever its state (a failed one after the address was fixed, a
    /// sent one the agent lost). Attempts restart at 0 so the backoff starts short again; the last error stays
    /// visible until the next attempt replaces it. False when there is no such message.
    /// </summary>
    public async Task<bool> ResendAsync(long id, CancellationToken cancellationToken = default) =>
        await UpdateAsync(
            "UPDATE voicemail_outbox SET state = 'pending', attempts = 0, next_attempt_at = @now, sent_at = NULL, claimed_by = NULL, claimed_until = NULL WHERE id = @id",
            new { id, now = store.Now() },
            cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>Every message, newest first, without the audio (<see cref="VoicemailMessage.Wav"/> is empty).</summary>
    public async Task<IReadOnlyList<VoicemailEntry>> ListAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM voicemail_outbox ORDER BY id DESC LIMIT @limit",
            new { limit = Math.Max(1, limit) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToEntry()).ToList();
    }

    /// <summary>One message with its audio, or null.</summary>
    public async Task<VoicemailEntry?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns}, wav AS Wav FROM voicemail_outbox WHERE id = @id",
            new { id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToEntry();
    }

    private async Task<int> UpdateAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static string? Bound(string? value) => value is { Length: > MaxTextLength } ? value[..MaxTextLength] : value;

    private static string BoundError(string error) => error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;

    private sealed class Row
    {
        public long Id { get; set; }
        public string MessageId { get; set; } = "";
        public string AgentId { get; set; } = "";
        public string? AgentName { get; set; }
        public string ToAddress { get; set; } = "";
        public string Caller { get; set; } = "";
        public string? CallerName { get; set; }
        public string Dialled { get; set; } = "";
        public string RecordedAt { get; set; } = "";
        public long DurationMs { get; set; }
        public string? CallId { get; set; }
        public string State { get; set; } = "";
        public long Attempts { get; set; }
        public string NextAttemptAt { get; set; } = "";
        public string? LastError { get; set; }
        public string? SentAt { get; set; }
        public byte[]? Wav { get; set; }

        public VoicemailEntry ToEntry() => new(
            Id,
            MessageId,
            new VoicemailMessage(
                AgentId, AgentName, ToAddress, Caller, CallerName, Dialled, Timestamps.Parse(RecordedAt),
                TimeSpan.FromMilliseconds(DurationMs), Wav ?? [], CallId),
            VoicemailStates.Parse(State),
            (int)Attempts,
            Timestamps.Parse(NextAttemptAt),
            LastError,
            Timestamps.ParseOrNull(SentAt));
    }
}
