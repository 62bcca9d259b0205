using System.Text.RegularExpressions;
using Dapper;
using LeadDesk.Store.Validation;

namespace LeadDesk.Store.Queues;

/// <summary>
/// <c>queue_members</c>: who answers each queue. The store is the one list: every Asterisk's app_queue reads it
/// through its controller (realtime members), so a member added here is rung by the next queue call on every
/// Asterisk of the site, with no queues.conf edited and no reload.
/// </summary>
public sealed partial class QueueMembership(RoutingStore store)
{
    /// <summary>The highest penalty app_queue is given (a lower one is rung first).</summary>
    public const int MaxPenalty = 1000;

    public async Task<IReadOnlyList<QueueMember>> ListAsync(string queueName, CancellationToken cancellationToken = default)
    {
        queueName = InputRules.QueueName(queueName);
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM queues WHERE name = @queueName", new { queueName }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 0)
        {
            throw NoSuchQueue(queueName);
        }

        return await MembersAsync(connection, queueName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The members of <paramref name="queueName"/> as app_queue asks for them; empty for a queue the store does not name.</summary>
    public async Task<IReadOnlyList<QueueMember>> ForAsteriskAsync(string queueName, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await MembersAsync(connection, queueName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every agent who answers at least one queue, with their extension: whose state the queues judge.</summary>
    public async Task<IReadOnlyList<(string AgentId, string Extension)>> AnsweringAgentsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string AgentId, string Extension)>(new CommandDefinition(
            "SELECT DISTINCT a.id, a.extension FROM queue_members m JOIN agents a ON a.id = m.agent_id ORDER BY a.extension",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>Makes <paramref name="agentId"/> a member of <paramref name="queueName"/> (or changes their penalty).</summary>
    public async Task<QueueMember> AddAsync(string queueName, string agentId, int penalty = 0, CancellationToken cancellationToken = default)
    {
        queueName = InputRules.QueueName(queueName);
        agentId = InputRules.AgentId(agentId);
        if (penalty is < 0 or > MaxPenalty)
        {
            throw new RoutingRefusedException($"Penalty {penalty} is not between 0 and {MaxPenalty}.");
        }

        return await store.WriteAsync(
            async (connection, transaction) =>
            {
                if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                        "SELECT COUNT(*) FROM queues WHERE name = @queueName", new { queueName }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 0)
                {
                    throw NoSuchQueue(queueName);
                }

                var agent = await connection.QuerySingleOrDefaultAsync<(string Extension, string Name)?>(new CommandDefinition(
                    "SELECT extension AS Extension, name AS Name FROM agents WHERE id = @agentId", new { agentId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)
                    ?? throw new RoutingRefusedException($"There is no agent '{agentId}'.");
                var updated = await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE queue_members SET penalty = @penalty WHERE queue_name = @queueName AND agent_id = @agentId",
                    new { queueName, agentId, penalty = (long)penalty }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (updated == 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO queue_members (queue_name, agent_id, penalty, added_at) VALUES (@queueName, @agentId, @penalty, @now)",
                        new { queueName, agentId, penalty = (long)penalty, now = store.Now() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                }

                return new QueueMember(queueName, agentId, agent.Extension, agent.Name, penalty);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds every (queue, extension, penalty) of an existing queues.conf at once: all or nothing. A queue the store
    /// does not name or an extension no agent has refuses the whole import, naming each.
    /// </summary>
    /// <returns>How many memberships were added or had their penalty changed.</returns>
    public async Task<int> ImportAsync(IReadOnlyList<(string Queue, string Extension, int Penalty)> members, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        return await store.WriteAsync(
            async (connection, transaction) =>
            {
                var queues = (await connection.QueryAsync<string>(new CommandDefinition(
                    "SELECT name FROM queues", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
                var agents = (await connection.QueryAsync<(string Extension, string Id)>(new CommandDefinition(
                    "SELECT extension, id FROM agents", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))
                    .ToDictionary(a => a.Extension, a => a.Id, StringComparer.Ordinal);
                var problems = members.Where(m => !queues.Contains(m.Queue)).Select(m => $"no queue '{m.Queue}' (add it with 'queues add')")
                    .Concat(members.Where(m => !agents.ContainsKey(m.Extension)).Select(m => $"no agent has extension {m.Extension}"))
                    .Concat(members.Where(m => m.Penalty is < 0 or > MaxPenalty).Select(m => $"penalty {m.Penalty} of {m.Extension} is not between 0 and {MaxPenalty}"))
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                if (problems.Count > 0)
                {
                    throw new RoutingRefusedException($"Nothing was imported: {string.Join("; ", problems.Take(10))}{(problems.Count > 10 ? $" and {problems.Count - 10} more" : "")}.");
                }

                var changed = 0;
                foreach (var (queue, extension, penalty) in members)
                {
                    var agentId = agents[extension];
                    var updated = await connection.ExecuteAsync(new CommandDefinition(
                        "UPDATE queue_members SET penalty = @penalty WHERE queue_name = @queue AND agent_id = @agentId",
                        new { queue, agentId, penalty = (long)penalty }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    if (updated == 0)
                    {
                        await connection.ExecuteAsync(new CommandDefinition(
                            "INSERT INTO queue_members (queue_name, agent_id, penalty, added_at) VALUES (@queue, @agentId, @penalty, @now)",
                            new { queue, agentId, penalty = (long)penalty, now = store.Now() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    }

                    changed++;
                }

                return changed;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string queueName, string agentId, CancellationToken cancellationToken = default)
    {
        queueName = InputRules.QueueName(queueName);
        agentId = InputRules.AgentId(agentId);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM queue_members WHERE queue_name = @queueName AND agent_id = @agentId", new { queueName, agentId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (removed == 0)
        {
            throw new RoutingRefusedException($"Agent '{agentId}' is not a member of queue '{queueName}'.");
        }
    }

    /// <summary>
    /// The <c>member =&gt;</c> lines of a queues.conf as (queue, extension, penalty): <c>PJSIP/1001</c>,
    /// <c>PJSIP/1001@proxy</c> and <c>Local/1001@...</c> interfaces give their extension. Lines of other kinds are
    /// returned in <paramref name="skipped"/> with the reason.
    /// </summary>
    public static IReadOnlyList<(string Queue, string Extension, int Penalty)> ParseQueuesConf(string text, out IReadOnlyList<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(text);
        var members = new List<(string, string, int)>();
        var notes = new List<string>();
        string? section = null;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Split(';')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (SectionLine().Match(line) is { Success: true } s)
            {
                section = s.Groups["name"].Value;
                continue;
            }

            if (MemberLine().Match(line) is not { Success: true } m)
            {
                continue;
            }

            if (section is null or "general")
            {
                notes.Add($"line {lineNumber}: a member outside a queue section");
                continue;
            }

            var fields = m.Groups["value"].Value.Split(',');
            if (InterfaceExtension().Match(fields[0].Trim()) is not { Success: true } e)
            {
                notes.Add($"line {lineNumber}: '{fields[0].Trim()}' is not a PJSIP or Local interface of an extension");
                continue;
            }

            var penalty = fields.Length > 1 && int.TryParse(fields[1].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 0;
            members.Add((section, e.Groups["ext"].Value, penalty));
        }

        skipped = notes;
        return members;
    }

    private static async Task<IReadOnlyList<QueueMember>> MembersAsync(System.Data.Common.DbConnection connection, string queueName, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(string QueueName, string AgentId, string Extension, string Name, long Penalty)>(new CommandDefinition(
            """
            SELECT m.queue_name, m.agent_id, a.extension, a.name, m.penalty
            FROM queue_members m JOIN agents a ON a.id = m.agent_id
            WHERE m.queue_name = @queueName
            ORDER BY m.penalty, a.extension
            """,
            new { queueName },
            cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => new QueueMember(r.QueueName, r.AgentId, r.Extension, r.Name, (int)r.Penalty)).ToList();
    }

    private static RoutingRefusedException NoSuchQueue(string name) => new($"There is no queue '{name}'.");

    [GeneratedRegex(@"^\[(?<name>[^\]]+)\]")]
    private static partial Regex SectionLine();

    [GeneratedRegex(@"^member\s*=>?\s*(?<value>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex MemberLine();

    [GeneratedRegex(@"^(?:PJSIP|Local)/(?<ext>[0-9A-Za-z_.-]+)(?:@\S+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex InterfaceExtension();
}
