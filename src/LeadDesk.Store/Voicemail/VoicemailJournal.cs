using Dapper;

namespace LeadDesk.Store.Voicemail;

/// <summary>
/// <c>voicemail_recordings</c>: every message from the moment Asterisk starts recording it until it is in the
/// outbox (or discarded). A controller that stops or dies mid-message leaves the row, and the next start adopts the
/// caller's channel and the recording from it: a message is never lost with the process that was recording it.
/// Each row names the Asterisk recording it (<paramref name="asterisk"/>: its <c>systemname</c>, read when the row is
/// written or listed): with several Asterisks on one store, a controller lists only its own Asterisk's messages,
/// never recovering (and so never giving up on) a recording that is in another Asterisk's spool.
/// </summary>
public sealed class VoicemailJournal(RoutingStore store, Func<string> asterisk)
{
    /// <summary>A journal for one named Asterisk (empty: the only one).</summary>
    public VoicemailJournal(RoutingStore store, string asterisk = "")
        : this(store, () => asterisk)
    {
    }

    public async Task BeginAsync(MessageInProgress message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO voicemail_recordings (recording_name, channel_id, agent_id, agent_name, to_address, caller, caller_name, dialled, recorded_at, asterisk)
            VALUES (@RecordingName, @ChannelId, @AgentId, @AgentName, @ToAddress, @Caller, @CallerName, @Dialled, @RecordedAt, @asterisk)
            ON CONFLICT (recording_name) DO NOTHING
            """,
            new
            {
                message.RecordingName, message.ChannelId, message.AgentId, message.AgentName, message.ToAddress,
                message.Caller, message.CallerName, message.Dialled, RecordedAt = Timestamps.Format(message.RecordedAt), asterisk = asterisk(),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Messages of this Asterisk a previous run (or this one) is still recording or has not yet put in the outbox, oldest first.</summary>
    public async Task<IReadOnlyList<MessageInProgress>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT recording_name AS RecordingName, channel_id AS ChannelId, agent_id AS AgentId, agent_name AS AgentName,
                   to_address AS ToAddress, caller AS Caller, caller_name AS CallerName, dialled AS Dialled, recorded_at AS RecordedAt
            FROM voicemail_recordings WHERE asterisk = @asterisk OR asterisk IS NULL ORDER BY recorded_at
            """,
            new { asterisk = asterisk() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new MessageInProgress(
            r.RecordingName, r.ChannelId, r.AgentId, r.AgentName, r.ToAddress, r.Caller, r.CallerName, r.Dialled, Timestamps.Parse(r.RecordedAt))).ToList();
    }

    /// <summary>The message is in the outbox, or was discarded: nothing of it is left to recover.</summary>
    public async Task FinishAsync(string recordingName, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM voicemail_recordings WHERE recording_name = @recordingName",
            new { recordingName },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private sealed class Row
    {
        public string RecordingName { get; set; } = "";
        public string ChannelId { get; set; } = "";
        public string AgentId { get; set; } = "";
        public string? AgentName { get; set; }
        public string ToAddress { get; set; } = "";
        public string Caller { get; set; } = "";
        public string? CallerName { get; set; }
        public string Dialled { get; set; } = "";
        public string RecordedAt { get; set; } = "";
    }
}
