using Dapper;
using LeadDesk.Store;
using LeadDesk.Store.Routes;

namespace LeadDesk.Store.Numbers;

/// <summary>
/// The numbers the company has at its carrier. Adding and importing are all-or-nothing; a number that is routed
/// (or is an agent's outbound caller ID) cannot be removed or marked not-owned until it is freed.
/// </summary>
public sealed class NumberInventory(RoutingStore store, PhoneNumberNormalizer normalizer)
{
    /// <summary>Adds new numbers and updates the label/ownership of ones already there.</summary>
    /// <returns>How many were added, how many updated, and how many were already as given (nothing written).</returns>
    public async Task<(int Added, int Updated, int Unchanged)> AddAsync(IReadOnlyList<NumberImportRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new RoutingRefusedException("No numbers were given.");
        }

        var parsed = rows.Select(r => (Row: r, E164: r.Entry.Normalize(normalizer))).ToList();
        var duplicate = parsed.GroupBy(p => p.E164).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new RoutingRefusedException(
                $"{duplicate.ElementAt(1).Row.Entry.Describe()} is {duplicate.Key} again (first given as {duplicate.First().Row.Entry.Describe()}).");
        }

        return await store.WriteAsync(
            async (connection, transaction) =>
            {
                var now = store.Now();
                int added = 0, updated = 0, unchanged = 0;
                foreach (var (row, e164) in parsed)
                {
                    var current = await NumberRows.FindAsync(connection, transaction, e164, cancellationToken).ConfigureAwait(false);
                    if (current is null)
                    {
                        await connection.ExecuteAsync(new CommandDefinition(
                            """
                            INSERT INTO inbound_numbers (number, label, owned, destination_type, updated_at)
                            VALUES (@e164, @label, @owned, 'unassigned', @now)
                            """,
                            new { e164, label = row.Label, owned = row.Owned ?? true ? 1 : 0, now },
                            transaction,
                            cancellationToken: cancellationToken)).ConfigureAwait(false);
                        added++;
                        continue;
                    }

                    var owned = row.Owned ?? current.Owned;
                    var label = row.ClearLabel ? null : row.Label ?? current.Label;
                    if (owned == current.Owned && label == current.Label)
                    {
                        unchanged++;
                        continue;
                    }

                    if (!owned && current.DestinationType != DestinationType.Unassigned)
                    {
                        throw new RoutingRefusedException(
                            $"{row.Entry.Describe()} ({e164}) routes to {current.DestinationToken}: unassign it before marking it not owned.");
                    }

                    if (!owned)
                    {
                        await EnsureNotCallerIdAsync(connection, transaction, row.Entry, e164, "marking it not owned", cancellationToken).ConfigureAwait(false);
                    }

                    await connection.ExecuteAsync(new CommandDefinition(
                        "UPDATE inbound_numbers SET label = @label, owned = @owned, updated_at = @now WHERE number = @e164",
                        new { e164, label, owned = owned ? 1 : 0, now },
                        transaction,
                        cancellationToken: cancellationToken)).ConfigureAwait(false);
                    updated++;
                }

                return (added, updated, unchanged);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What <see cref="AddAsync"/> would do with <paramref name="rows"/>, row by row, without changing anything: add,
    /// update, already as given, or refused and why (not a phone number, given twice, routed while marked not owned).
    /// The add itself still checks everything again in its one transaction.
    /// </summary>
    public async Task<IReadOnlyList<NumberPreviewRow>> PreviewAsync(IReadOnlyList<NumberImportRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var existing = (await ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(n => n.Number, StringComparer.Ordinal);
        var seen = new Dictionary<string, NumberEntry>(StringComparer.Ordinal);
        var preview = new List<NumberPreviewRow>(rows.Count);
        foreach (var row in rows)
        {
            string e164;
            try
            {
                e164 = row.Entry.Normalize(normalizer);
            }
            catch (RoutingRefusedException e)
            {
                preview.Add(new NumberPreviewRow(row.Entry.Line, row.Entry.Text, null, row.Label, NumberPreviewAction.Refused, e.Message));
                continue;
            }

            if (seen.TryGetValue(e164, out var first))
            {
                preview.Add(new NumberPreviewRow(row.Entry.Line, row.Entry.Text, e164, row.Label, NumberPreviewAction.Refused,
                    $"{row.Entry.Describe()} is {e164} again (first given as {first.Describe()})."));
                continue;
            }

            seen.Add(e164, row.Entry);
            if (!existing.TryGetValue(e164, out var current))
            {
                preview.Add(new NumberPreviewRow(row.Entry.Line, row.Entry.Text, e164, row.Label, NumberPreviewAction.Add, null));
                continue;
            }

            var owned = row.Owned ?? current.Owned;
            var label = row.ClearLabel ? null : row.Label ?? current.Label;
            if (owned == current.Owned && label == current.Label)
            {
                preview.Add(new NumberPreviewRow(row.Entry.Line, row.Entry.Text, e164, label, NumberPreviewAction.Unchanged, null));
            }
            else if (!owned && current.DestinationType != DestinationType.Unassigned)
            {
                preview.Add(new NumberPreviewRow(row.Entry.Line, row.Entry.Text, e164, label, NumberPreviewAction.Refused,
                    $"{row.Entry.Describe()} ({e164}) routes to {current.DestinationToken}: unassign it before marking it not owned."));
            }
            else
            {
                preview.Add(new NumberPreviewRow(row.Entry.Line, row.Entry.Text, e164, label, NumberPreviewAction.Update, null));
            }
        }

        return preview;
    }

    /// <summary>Every number, in number order.</summary>
    public async Task<IReadOnlyList<InboundNumber>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await NumberRows.ListAsync(connection, null, null, null, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One number, or null.</summary>
    public async Task<InboundNumber?> FindAsync(string e164, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await NumberRows.FindAsync(connection, null, e164, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes numbers; refused as a whole if one is unknown, routed, or an agent's caller ID.</summary>
    public async Task<int> RemoveAsync(IReadOnlyList<NumberEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new RoutingRefusedException("No numbers were given.");
        }

        var parsed = entries.Select(e => (Entry: e, E164: e.Normalize(normalizer))).DistinctBy(p => p.E164).ToList();
        return await store.WriteAsync(
            async (connection, transaction) =>
            {
                foreach (var (entry, e164) in parsed)
                {
                    var current = await NumberRows.FindAsync(connection, transaction, e164, cancellationToken).ConfigureAwait(false)
                        ?? throw new RoutingRefusedException($"{entry.Describe()} ({e164}) is not in the number inventory.");
                    if (current.DestinationType != DestinationType.Unassigned)
                    {
                        throw new RoutingRefusedException(
                            $"{entry.Describe()} ({e164}) routes to {current.DestinationToken}: unassign it first ('routes unassign').");
                    }

                    await EnsureNotCallerIdAsync(connection, transaction, entry, e164, "removing it", cancellationToken).ConfigureAwait(false);
                    await EnsureNoCampaignPresentsAsync(connection, transaction, entry, e164, cancellationToken).ConfigureAwait(false);
                    await connection.ExecuteAsync(new CommandDefinition(
                        "DELETE FROM inbound_numbers WHERE number = @e164", new { e164 }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                }

                return parsed.Count;
            },
            cancellationToken).ConfigureAwait(false);
    }

    // A campaign's or the company's caller ID may be marked not owned (calls then pass it over), but not removed.
    private static async Task EnsureNoCampaignPresentsAsync(
        System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, NumberEntry entry, string e164, CancellationToken ct)
    {
        var user = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            SELECT 'campaign ' || name FROM campaigns WHERE caller_id = @e164
            UNION ALL SELECT 'the company default' FROM outbound_settings WHERE default_caller_id = @e164
            LIMIT 1
            """,
            new { e164 },
            transaction,
            cancellationToken: ct)).ConfigureAwait(false);
        if (user is not null)
        {
            throw new RoutingRefusedException($"{entry.Describe()} ({e164}) is the outbound caller ID of {user}: change that before removing it.");
        }
    }

    private static async Task EnsureNotCallerIdAsync(
        System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, NumberEntry entry, string e164, string doing, CancellationToken ct)
    {
        var agent = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT id FROM agents WHERE outbound_cid = @e164 LIMIT 1", new { e164 }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        if (agent is not null)
        {
            throw new RoutingRefusedException(
                $"{entry.Describe()} ({e164}) is agent '{agent}''s outbound caller ID: change that ('agents set {agent} --outbound-cid ...') before {doing}.");
        }
    }
}
