using Dapper;
using LeadDesk.Store;
using LeadDesk.Store.Validation;

namespace LeadDesk.Store.Agents;

/// <summary>An agent's own voicemail greeting: the Asterisk stored recording callers hear, and our copy of its audio.</summary>
/// <param name="RecordingName">The stored-recording name in Asterisk, played as <c>recording:NAME</c>.</param>
/// <param name="Wav">The recording as Asterisk wrote it; the copy that survives a rebuilt Asterisk.</param>
public sealed record AgentGreeting(string AgentId, string RecordingName, byte[] Wav, DateTimeOffset RecordedAt);

/// <summary>
/// <c>agent_greetings</c>: one greeting per agent. The database holds the audio too, because Asterisk's recording
/// spool is the part of a PBX that is lost when the box is rebuilt, and ARI cannot put a file back into it.
/// </summary>
public sealed class AgentGreetings(RoutingStore store)
{
    /// <summary>
    /// The stable stored-recording name of an agent's greeting. Agent ids are <c>[A-Za-z0-9._-]</c>, so the name is a
    /// plain file name in Asterisk's spool (no '/', nothing to escape).
    /// </summary>
    public static string RecordingNameFor(string agentId) => "greeting-" + InputRules.AgentId(agentId);

    /// <summary>The Asterisk stored-recording name of the agent's greeting, or null for the default prompt.</summary>
    public async Task<string?> GetRecordingNameAsync(string agentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT recording_name FROM agent_greetings WHERE agent_id = @agentId",
            new { agentId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>When the agent's current greeting was recorded (its version), or null: a read without the audio.</summary>
    public async Task<DateTimeOffset?> GetRecordedAtAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var recordedAt = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT recorded_at FROM agent_greetings WHERE agent_id = @agentId",
            new { agentId = agentId.Trim().ToLowerInvariant() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return recordedAt is null ? null : Timestamps.Parse(recordedAt);
    }

    /// <summary>The agent's greeting (ids are case-insensitive), or null.</summary>
    public async Task<AgentGreeting?> FindAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        agentId = agentId.Trim().ToLowerInvariant();
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<GreetingRow>(new CommandDefinition(
            "SELECT agent_id AS AgentId, recording_name AS RecordingName, wav AS Wav, recorded_at AS RecordedAt FROM agent_greetings WHERE agent_id = @agentId",
            new { agentId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : new AgentGreeting(row.AgentId, row.RecordingName, row.Wav, Timestamps.Parse(row.RecordedAt));
    }

    /// <summary>Keeps <paramref name="greeting"/> as the agent's greeting, replacing any earlier one.</summary>
    public async Task SaveAsync(AgentGreeting greeting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(greeting);
        if (greeting.Wav.Length == 0)
        {
            throw new RoutingRefusedException($"The greeting of agent {InputRules.Describe(greeting.AgentId)} has no audio.");
        }

        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var agentExists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM agents WHERE id = @AgentId", greeting, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (agentExists == 0)
        {
            throw new RoutingRefusedException($"There is no agent {InputRules.Describe(greeting.AgentId)}.");
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO agent_greetings (agent_id, recording_name, wav, recorded_at) VALUES (@AgentId, @RecordingName, @Wav, @RecordedAt)
            ON CONFLICT (agent_id) DO UPDATE SET recording_name = excluded.recording_name, wav = excluded.wav, recorded_at = excluded.recorded_at
            """,
            new { greeting.AgentId, greeting.RecordingName, greeting.Wav, RecordedAt = Timestamps.Format(greeting.RecordedAt) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Forgets the agent's greeting (callers hear the default again). False when there was none.</summary>
    public async Task<bool> DeleteAsync(string agentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM agent_greetings WHERE agent_id = @agentId", new { agentId }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }

    private sealed class GreetingRow
    {
        public string AgentId { get; set; } = "";
        public string RecordingName { get; set; } = "";
        public byte[] Wav { get; set; } = [];
        public string RecordedAt { get; set; } = "";
    }
}
