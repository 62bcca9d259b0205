using Dapper;

namespace LeadDesk.Routing;

/// <summary>
/// Read side of <c>agent_greetings</c> for the voicemail call: which stored recording, if any, greets an agent's
/// callers. (The greeting-recording feature writes the table; voicemail only needs the name.)
/// </summary>
public sealed class VoicemailGreetings(RoutingStore store)
{
    /// <summary>The Asterisk stored-recording name of the agent's greeting, or null for the default prompt.</summary>
    public async Task<string?> GetRecordingNameAsync(string agentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT recording_name FROM agent_greetings WHERE agent_id = @agentId",
            new { agentId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
