using Dapper;
using System.Data.Common;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Outbound;
using LeadDesk.Store.Validation;
using LeadDesk.Store.Callbacks;

namespace LeadDesk.Store.Campaigns;

/// <summary>
/// Campaigns and their caller IDs. A caller ID must be an owned inventory number; one whose inbound route does
/// not lead back to the campaign (its queue or one of its agents) is allowed with a warning.
/// </summary>
public sealed class CampaignRegistry(RoutingStore store, PhoneNumberNormalizer normalizer)
{
    /// <returns>Warnings for the admin.</returns>
    public async Task<IReadOnlyList<string>> AddAsync(string name, string callerId, string? callerName = null, CancellationToken cancellationToken = default)
    {
        name = InputRules.CampaignName(name);
        var cid = normalizer.Normalize(callerId);
        var shownName = string.IsNullOrWhiteSpace(callerName) ? null : InputRules.CallerName(callerName);
        return await store.WriteAsync(
            async (connection, transaction) =>
            {
                if (await FindAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false) is not null)
                {
                    throw new RoutingRefusedException($"Campaign '{name}' already exists: use 'campaigns set'.");
                }

                var number = await CallerIdRules.EnsureUsableAsync(connection, transaction, cid, "caller ID", cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO campaigns (name, caller_id, caller_name, created_at) VALUES (@name, @cid, @shownName, @now)",
                    new { name, cid, shownName, now = store.Now() },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return Warnings(CallbackWarnings.ForCampaign(number, name, []));
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes a campaign's caller ID and/or name; <c>none</c> as the name clears it.</summary>
    public async Task<IReadOnlyList<string>> SetAsync(string name, string? callerId, string? callerName, CancellationToken cancellationToken = default)
    {
        name = InputRules.CampaignName(name);
        if (callerId is null && callerName is null)
        {
            throw new RoutingRefusedException("Nothing to change: give --caller-id and/or --caller-name.");
        }

        var cid = callerId is null ? null : normalizer.Normalize(callerId);
        var clearName = string.Equals(callerName?.Trim(), "none", StringComparison.OrdinalIgnoreCase) || callerName is { Length: 0 };
        var shownName = callerName is null || clearName ? null : InputRules.CallerName(callerName);
        return await store.WriteAsync(
            async (connection, transaction) =>
            {
                var current = await FindAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false)
                    ?? throw new RoutingRefusedException($"There is no campaign '{name}'.");
                string? warning = null;
                if (cid is not null)
                {
                    var number = await CallerIdRules.EnsureUsableAsync(connection, transaction, cid, "caller ID", cancellationToken).ConfigureAwait(false);
                    warning = CallbackWarnings.ForCampaign(number, name, current.Agents);
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE campaigns
                    SET caller_id = COALESCE(@cid, caller_id),
                        caller_name = CASE WHEN @clearName = 1 THEN NULL ELSE COALESCE(@shownName, caller_name) END
                    WHERE name = @name
                    """,
                    new { name, cid, shownName, clearName = clearName ? 1 : 0 },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return Warnings(warning);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Campaign>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var names = await connection.QueryAsync<string>(new CommandDefinition("SELECT name FROM campaigns ORDER BY name", cancellationToken: cancellationToken)).ConfigureAwait(false);
        var campaigns = new List<Campaign>();
        foreach (var name in names)
        {
            campaigns.Add((await FindAsync(connection, null, name, cancellationToken).ConfigureAwait(false))!);
        }

        return campaigns;
    }

    public async Task<Campaign?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await FindAsync(connection, null, name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a campaign; refused while agents belong to it (the error names them).</summary>
    public async Task RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        name = InputRules.CampaignName(name);
        await store.WriteAsync(
            async (connection, transaction) =>
            {
                var current = await FindAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false)
                    ?? throw new RoutingRefusedException($"There is no campaign '{name}'.");
                if (current.Agents.Count > 0)
                {
                    throw new RoutingRefusedException(
                        $"Campaign '{name}' still has agents: {string.Join(", ", current.Agents)}. Move them out first ('agents set ID --campaign none').");
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM campaigns WHERE name = @name", new { name }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                return 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<Campaign?> FindAsync(DbConnection connection, DbTransaction? transaction, string name, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string Name, string CallerId, string? CallerName)>(new CommandDefinition(
            "SELECT name AS Name, caller_id AS CallerId, caller_name AS CallerName FROM campaigns WHERE name = @name",
            new { name },
            transaction,
            cancellationToken: ct)).ConfigureAwait(false);
        if (row.Name is null)
        {
            return null;
        }

        var agents = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM agents WHERE campaign = @name ORDER BY id", new { name }, transaction, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        return new Campaign(row.Name, row.CallerId, row.CallerName, agents);
    }

    private static IReadOnlyList<string> Warnings(string? warning) => warning is null ? [] : [warning];
}
