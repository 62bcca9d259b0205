using Dapper;
using System.Data.Common;
using LeadDesk.Store;
using LeadDesk.Store.Campaigns;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Outbound;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Validation;
using LeadDesk.Store.Callbacks;

namespace LeadDesk.Store.Agents;

/// <summary>
/// Agents' information cards: extension, e-mails, outbound caller ID, login state and not-reachable destination.
/// Methods that can leave 2-way VoIP broken without being wrong (a caller ID that doesn't route back) return
/// warnings instead of refusing.
/// </summary>
public sealed class AgentRoster(RoutingStore store, PhoneNumberNormalizer normalizer)
{
    private const int MaxEmails = 20;

    /// <summary>Adds an agent; refused when the id or extension is taken or a value is invalid.</summary>
    /// <returns>Warnings for the admin (e.g. the caller ID does not route back to the agent).</returns>
    public Task<IReadOnlyList<string>> AddAsync(
        string id,
        string name,
        string extension,
        IReadOnlyList<string> emails,
        string? outboundCallerId = null,
        CancellationToken cancellationToken = default) =>
        AddAsync(id, name, extension, emails, outboundCallerId, then: null, cancellationToken);

    /// <summary>
    /// Adds an agent and, in the same transaction, applies <paramref name="then"/> (a campaign, the not-reachable
    /// destination: what needs the agent and their e-mails to exist) with <see cref="SetAsync"/>'s rules: either
    /// refused, nothing is written.
    /// </summary>
    /// <returns>Warnings for the admin (e.g. the caller ID does not route back to the agent).</returns>
    public async Task<IReadOnlyList<string>> AddAsync(
        string id,
        string name,
        string extension,
        IReadOnlyList<string> emails,
        string? outboundCallerId,
        AgentChanges? then,
        CancellationToken cancellationToken = default)
    {
        id = InputRules.AgentId(id);
        name = InputRules.Name(name);
        extension = InputRules.Extension(extension);
        var addresses = ValidateEmails(emails);
        if (addresses.Count == 0)
        {
            throw new RoutingRefusedException($"Agent '{id}' needs at least one e-mail address (--email).");
        }

        var cid = string.IsNullOrWhiteSpace(outboundCallerId) ? null : normalizer.Normalize(outboundCallerId);
        var more = then is null ? null : Prepare(id, then);

        return await store.WriteAsync(
            async (connection, transaction) =>
            {
                if (await ExistsAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false))
                {
                    throw new RoutingRefusedException($"Agent '{id}' already exists: use 'agents set'.");
                }

                await EnsureExtensionFreeAsync(connection, transaction, id, extension, cancellationToken).ConfigureAwait(false);
                var warnings = new List<string>();
                if (cid is not null)
                {
                    await CheckCallerIdAsync(connection, transaction, id, cid, warnings, cancellationToken).ConfigureAwait(false);
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO agents (id, name, extension, outbound_cid, logged_in, unreachable_type, voicemail_email, created_at)
                    VALUES (@id, @name, @extension, @cid, 0, 'none', NULL, @now)
                    """,
                    new { id, name, extension, cid, now = store.Now() },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                await WriteEmailsAsync(connection, transaction, id, addresses, cancellationToken).ConfigureAwait(false);
                if (more is not null)
                {
                    warnings.AddRange(await ApplyAsync(connection, transaction, id, more, cancellationToken).ConfigureAwait(false));
                }

                return (IReadOnlyList<string>)warnings;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes an agent's card. The voicemail address must stay one of the agent's e-mails.</summary>
    public async Task<IReadOnlyList<string>> SetAsync(string id, AgentChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        id = InputRules.AgentId(id);
        var prepared = Prepare(id, changes);
        return await store.WriteAsync(
            async (connection, transaction) => await ApplyAsync(connection, transaction, id, prepared, cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="AgentChanges"/> checked and normalized before any transaction opens.</summary>
    private sealed record PreparedChanges(
        string? Name, string? Extension, List<string>? Emails, string? Cid, bool ClearCid, UnreachableDestination? Unreachable, string? Campaign, bool LeaveCampaign);

    private PreparedChanges Prepare(string id, AgentChanges changes)
    {
        var name = changes.Name is null ? null : InputRules.Name(changes.Name);
        var extension = changes.Extension is null ? null : InputRules.Extension(changes.Extension);
        var emails = changes.Emails is null ? null : ValidateEmails(changes.Emails);
        if (emails is { Count: 0 })
        {
            throw new RoutingRefusedException($"Agent '{id}' needs at least one e-mail address.");
        }

        string? cid = null;
        var clearCid = changes.OutboundCallerId is not null && string.IsNullOrWhiteSpace(changes.OutboundCallerId)
            || string.Equals(changes.OutboundCallerId?.Trim(), "none", StringComparison.OrdinalIgnoreCase);
        if (changes.OutboundCallerId is not null && !clearCid)
        {
            cid = normalizer.Normalize(changes.OutboundCallerId);
        }

        var leaveCampaign = string.Equals(changes.Campaign?.Trim(), "none", StringComparison.OrdinalIgnoreCase);
        var campaign = changes.Campaign is null || leaveCampaign ? null : InputRules.CampaignName(changes.Campaign);

        return new PreparedChanges(name, extension, emails, cid, clearCid, changes.Unreachable, campaign, leaveCampaign);
    }

    /// <summary>Writes <paramref name="p"/> to agent <paramref name="id"/> in the caller's transaction; returns the warnings.</summary>
    private static async Task<IReadOnlyList<string>> ApplyAsync(DbConnection connection, DbTransaction transaction, string id, PreparedChanges p, CancellationToken cancellationToken)
    {
        var (name, extension, emails, cid, clearCid, unreachableChange, campaign, leaveCampaign) = p;
        var current = await LoadAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false)
            ?? throw new RoutingRefusedException($"There is no agent '{id}'.");
        var warnings = new List<string>();
        if (campaign is not null)
        {
            var joined = await CampaignRegistry.FindAsync(connection, transaction, campaign, cancellationToken).ConfigureAwait(false)
                ?? throw new RoutingRefusedException($"There is no campaign '{campaign}' (campaigns add).");
            var cardCid = clearCid ? null : cid ?? current.OutboundCallerId;
            if (cardCid is not null)
            {
                warnings.Add($"agent '{id}''s own caller ID {cardCid} wins over campaign {campaign}'s {joined.CallerId}: clear it (--outbound-cid none) to present the campaign's");
            }
        }

        if (extension is not null && extension != current.Extension)
        {
            await EnsureExtensionFreeAsync(connection, transaction, id, extension, cancellationToken).ConfigureAwait(false);
        }

        var finalEmails = emails ?? current.Emails;
        var unreachable = unreachableChange ?? current.Unreachable;
        if (unreachable is UnreachableDestination.Voicemail voicemail
            && !finalEmails.Contains(voicemail.Email, StringComparer.OrdinalIgnoreCase))
        {
            throw unreachableChange is null
                ? new RoutingRefusedException(
                    $"{voicemail.Email} is agent '{id}''s voicemail address: choose another not-reachable destination (--unreachable) before removing it.")
                : new RoutingRefusedException(
                    $"{voicemail.Email} is not one of agent '{id}''s e-mail addresses ({string.Join(", ", finalEmails)}).");
        }

        if (cid is not null)
        {
            await CheckCallerIdAsync(connection, transaction, id, cid, warnings, cancellationToken).ConfigureAwait(false);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE agents
            SET name = COALESCE(@name, name),
                extension = COALESCE(@extension, extension),
                outbound_cid = CASE WHEN @clearCid = 1 THEN NULL ELSE COALESCE(@cid, outbound_cid) END,
                unreachable_type = @unreachableType,
                voicemail_email = @voicemailEmail,
                campaign = CASE WHEN @leaveCampaign = 1 THEN NULL ELSE COALESCE(@campaign, campaign) END
            WHERE id = @id
            """,
            new
            {
                id,
                name,
                extension,
                cid,
                clearCid = clearCid ? 1 : 0,
                unreachableType = unreachable is UnreachableDestination.Voicemail ? "voicemail" : "none",
                voicemailEmail = (unreachable as UnreachableDestination.Voicemail)?.Email,
                campaign,
                leaveCampaign = leaveCampaign ? 1 : 0,
            },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);

        if (emails is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM agent_emails WHERE agent_id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await WriteEmailsAsync(connection, transaction, id, emails, cancellationToken).ConfigureAwait(false);
        }

        return warnings;
    }

    /// <summary>Marks the agent logged in (calls ring their phone) or out (calls go to the not-reachable destination).</summary>
    public async Task SetLoggedInAsync(string id, bool loggedIn, CancellationToken cancellationToken = default)
    {
        id = InputRules.AgentId(id);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE agents SET logged_in = @loggedIn WHERE id = @id", new { id, loggedIn = loggedIn ? 1 : 0 }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (updated == 0)
        {
            throw new RoutingRefusedException($"There is no agent '{id}'.");
        }
    }

    /// <summary>All agents, by id.</summary>
    public async Task<IReadOnlyList<Agent>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var ids = await connection.QueryAsync<string>(new CommandDefinition("SELECT id FROM agents ORDER BY id", cancellationToken: cancellationToken)).ConfigureAwait(false);
        var agents = new List<Agent>();
        foreach (var id in ids)
        {
            agents.Add((await LoadAsync(connection, null, id, cancellationToken).ConfigureAwait(false))!);
        }

        return agents;
    }

    /// <summary>One agent (ids are case-insensitive), or null.</summary>
    public async Task<Agent?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        id = id.Trim().ToLowerInvariant();
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await LoadAsync(connection, null, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The agent whose phone is <c>PJSIP/<paramref name="extension"/></c> (extensions are unique), or null.</summary>
    public async Task<Agent?> FindByExtensionAsync(string extension, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var id = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT id FROM agents WHERE extension = @extension", new { extension }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return id is null ? null : await LoadAsync(connection, null, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes an agent; refused while inbound numbers route to them (the error names the numbers).</summary>
    public async Task RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        id = InputRules.AgentId(id);
        await store.WriteAsync(
            async (connection, transaction) =>
            {
                if (!await ExistsAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false))
                {
                    throw new RoutingRefusedException($"There is no agent '{id}'.");
                }

                var routed = (await connection.QueryAsync<string>(new CommandDefinition(
                    "SELECT number FROM inbound_numbers WHERE agent_id = @id ORDER BY number", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
                if (routed.Count > 0)
                {
                    var shown = string.Join(", ", routed.Take(10)) + (routed.Count > 10 ? $" and {routed.Count - 10} more" : "");
                    throw new RoutingRefusedException($"Agent '{id}' still has inbound numbers routed to them: {shown}. Reassign or unassign them first.");
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM agents WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                return 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static List<string> ValidateEmails(IReadOnlyList<string> emails)
    {
        ArgumentNullException.ThrowIfNull(emails);
        if (emails.Count > MaxEmails)
        {
            throw new RoutingRefusedException($"At most {MaxEmails} e-mail addresses per agent.");
        }

        return emails.Select(InputRules.Email).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM agents WHERE id = @id", new { id }, transaction, cancellationToken: ct)).ConfigureAwait(false) > 0;

    private static async Task EnsureExtensionFreeAsync(DbConnection connection, DbTransaction transaction, string id, string extension, CancellationToken ct)
    {
        var holder = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT id FROM agents WHERE extension = @extension AND id <> @id", new { extension, id }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        if (holder is not null)
        {
            throw new RoutingRefusedException($"Extension {extension} already belongs to agent '{holder}'.");
        }
    }

    // The caller ID must be a number we own (the carrier only lets us present those); if it does not route back to
    // this agent, callbacks reach someone else, which is allowed but worth a warning.
    private static async Task CheckCallerIdAsync(
        DbConnection connection, DbTransaction transaction, string id, string cid, List<string> warnings, CancellationToken ct)
    {
        var number = await CallerIdRules.EnsureUsableAsync(connection, transaction, cid, "outbound caller ID", ct).ConfigureAwait(false);
        if (CallbackWarnings.ForAgent(number, id) is { } warning)
        {
            warnings.Add($"{warning} (routes assign {cid} --agent {id})");
        }
    }

    private static async Task WriteEmailsAsync(DbConnection connection, DbTransaction transaction, string id, List<string> emails, CancellationToken ct)
    {
        for (var i = 0; i < emails.Count; i++)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO agent_emails (agent_id, address, position) VALUES (@id, @address, @position)",
                new { id, address = emails[i], position = i },
                transaction,
                cancellationToken: ct)).ConfigureAwait(false);
        }
    }

    private static async Task<Agent?> LoadAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<AgentRow>(new CommandDefinition(
            """
            SELECT a.id AS Id, a.name AS Name, a.extension AS Extension, a.outbound_cid AS OutboundCid, a.logged_in AS LoggedIn,
                   a.unreachable_type AS UnreachableType, a.voicemail_email AS VoicemailEmail, a.campaign AS Campaign,
                   (SELECT g.recorded_at FROM agent_greetings g WHERE g.agent_id = a.id) AS GreetingRecordedAt
            FROM agents a WHERE a.id = @id
            """,
            new { id },
            transaction,
            cancellationToken: ct)).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var emails = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT address FROM agent_emails WHERE agent_id = @id ORDER BY position", new { id }, transaction, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        var routed = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT number FROM inbound_numbers WHERE agent_id = @id ORDER BY number", new { id }, transaction, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        UnreachableDestination unreachable = row.UnreachableType == "voicemail" && row.VoicemailEmail is not null
            ? new UnreachableDestination.Voicemail(row.VoicemailEmail)
            : UnreachableDestination.None;
        return new Agent(row.Id, row.Name, row.Extension, emails, row.OutboundCid, row.LoggedIn == 1, unreachable, Timestamps.ParseOrNull(row.GreetingRecordedAt), routed, row.Campaign);
    }

    private sealed class AgentRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Extension { get; set; } = "";
        public string? OutboundCid { get; set; }
        public long LoggedIn { get; set; }
        public string UnreachableType { get; set; } = "none";
        public string? VoicemailEmail { get; set; }
        public string? GreetingRecordedAt { get; set; }
        public string? Campaign { get; set; }
    }
}
