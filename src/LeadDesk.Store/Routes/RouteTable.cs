using Dapper;
using System.Data.Common;
using LeadDesk.Store;
using LeadDesk.Store.Numbers;

namespace LeadDesk.Store.Routes;

/// <summary>
/// The admin's view of inbound routes: list them and move batches of numbers between destinations. A batch is
/// all-or-nothing in one transaction, and every number whose destination changes is written to the audit table.
/// </summary>
public sealed class RouteTable(RoutingStore store, PhoneNumberNormalizer normalizer)
{
    /// <summary>All inventory numbers with their routes, in number order, optionally of one type.</summary>
    public async Task<IReadOnlyList<InboundNumber>> ListAsync(DestinationType? type = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await NumberRows.ListAsync(connection, null, type, null, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The routes <paramref name="query"/> selects, in number order, read as they are consumed (no list of all of
    /// them is built), on a read-only connection that never waits for a writer.
    /// </summary>
    public async IAsyncEnumerable<InboundNumber> StreamAsync(
        RouteQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var number in NumberRows.StreamAsync(connection, query, cancellationToken).ConfigureAwait(false))
        {
            yield return number;
        }
    }

    /// <summary>How many routes <paramref name="query"/> selects (ignoring its page) and the widest value of each column.</summary>
    public async Task<RouteListShape> ShapeAsync(RouteQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await NumberRows.ShapeAsync(connection, query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends every number in <paramref name="entries"/> to <paramref name="target"/>. Refused as a whole, naming the
    /// first bad entry, when a number is not a phone number, not in the inventory, not owned (unless unassigning),
    /// or held by a queue while the target is an agent or a custom destination; likewise when the target does not exist.
    /// </summary>
    /// <param name="actor">Who made the change, for the audit (e.g. <c>alice via routes assign</c>).</param>
    public Task<RouteChangeResult> ApplyAsync(
        IReadOnlyList<NumberEntry> entries,
        RouteTarget target,
        string actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(target);
        return ApplyEachAsync(entries.Select(e => (e, target)).ToList(), actor, cancellationToken);
    }

    /// <summary>
    /// Sends each number to its own target (a <c>number,agent</c> file) in one transaction: the same checks as
    /// <see cref="ApplyAsync"/>, all or nothing, a refusal naming the entry (and its line). A number given twice must
    /// name the same target both times.
    /// </summary>
    public Task<RouteChangeResult> ApplyEachAsync(
        IReadOnlyList<(NumberEntry Entry, RouteTarget Target)> changes,
        string actor,
        CancellationToken cancellationToken = default) =>
        ApplyEachAsync(changes, actor, SetBasedFrom, cancellationToken);

    /// <summary>
    /// From this many numbers a list is changed by set statements (<see cref="ListRouteChange"/>) rather than three
    /// statements per number: more than the couple of pages an admin ticks in the web, fewer than any file worth the
    /// name. Below it the per-number path is as quick and the two give the same result (tests hold them to it).
    /// </summary>
    internal const int SetBasedFrom = 200;

    /// <summary><see cref="ApplyEachAsync(IReadOnlyList{ValueTuple{NumberEntry, RouteTarget}}, string, CancellationToken)"/>, choosing the path by <paramref name="setBasedFrom"/> (for tests).</summary>
    internal async Task<RouteChangeResult> ApplyEachAsync(
        IReadOnlyList<(NumberEntry Entry, RouteTarget Target)> changes,
        string actor,
        int setBasedFrom,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            throw new RoutingRefusedException("No numbers were given.");
        }

        // Parse everything before touching the store: a typo anywhere refuses the whole batch.
        var numbers = new List<(NumberEntry Entry, string E164, RouteTarget Target)>(changes.Count);
        var seen = new Dictionary<string, (NumberEntry Entry, RouteTarget Target)>(StringComparer.Ordinal);
        foreach (var (entry, target) in changes)
        {
            var e164 = entry.Normalize(normalizer);
            if (seen.TryGetValue(e164, out var first))
            {
                if (first.Target != target)
                {
                    throw new RoutingRefusedException(
                        $"{entry.Describe()} is {e164} again, for {target} (first given as {first.Entry.Describe()} for {first.Target}).");
                }

                continue;
            }

            seen.Add(e164, (entry, target));
            numbers.Add((entry, e164, target));
        }

        var setBased = numbers.Count >= setBasedFrom ? new ListRouteChange(numbers) : null;
        return await store.WriteAsync(
            (connection, transaction) => setBased is not null
                ? setBased.ApplyAsync(connection, transaction, actor, store, cancellationToken)
                : ApplyInTransactionAsync(connection, transaction, numbers, actor, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends every number matching <paramref name="filter"/> to <paramref name="target"/>, with exactly the checks
    /// and messages of <see cref="ApplyAsync"/>: the numbers are read and changed in one transaction, so the batch
    /// is what matched when it ran, and one number that cannot go there refuses them all. Runs as set statements
    /// (<see cref="MatchingRouteChange"/>), not one per number, so 100,000 numbers commit in well under 2 s.
    /// </summary>
    public async Task<RouteChangeResult> ApplyToMatchingAsync(
        RouteFilter filter,
        RouteTarget target,
        string actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(actor);
        return await store.WriteAsync(
            (connection, transaction) => MatchingRouteChange.ApplyAsync(connection, transaction, filter, target, actor, store, normalizer, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One page of the Inbound routes table (filter, sort, offset, limit) and the count of all matches.</summary>
    public async Task<RoutePage> PageAsync(RoutePageQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);

        // The total reads every match and the page stops at its last row: for a number fragment each is a scan of
        // all 100,000 numbers. On two read connections at once a filtered first page costs about the longer of the
        // two rather than their sum (bench --web). They were two statements, each seeing the latest commit, before.
        var total = Task.Run(
            async () =>
            {
                await using var counting = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
                return await NumberRows.CountAsync(counting, query.Filter, normalizer, store.Provider, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
        var items = ReadPageAsync(query, cancellationToken);
        await Task.WhenAll(total, items).ConfigureAwait(false);
        return new RoutePage(await total.ConfigureAwait(false), Math.Max(0, query.Offset), await items.ConfigureAwait(false));
    }

    private async Task<IReadOnlyList<InboundNumber>> ReadPageAsync(RoutePageQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await NumberRows.PageAsync(connection, query, normalizer, store.Provider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The checks and the change of every number, inside the caller's write transaction.</summary>
    private async Task<RouteChangeResult> ApplyInTransactionAsync(
        DbConnection connection,
        DbTransaction transaction,
        IReadOnlyList<(NumberEntry Entry, string E164, RouteTarget Target)> numbers,
        string actor,
        CancellationToken cancellationToken)
    {
        foreach (var (entry, _, target) in numbers.DistinctBy(n => n.Target))
        {
            await RouteChangeRules.EnsureTargetExistsAsync(connection, transaction, entry.Line, target, cancellationToken).ConfigureAwait(false);
        }

        var now = store.Now();
        int changed = 0, unchanged = 0;
        var moved = new List<(string Number, string? FromAgent)>();
        using var find = new PreparedStatement(connection, transaction, NumberRows.FindSql, "@e164");
        using var update = new PreparedStatement(
            connection,
            transaction,
            """
            UPDATE inbound_numbers
            SET destination_type = @type, agent_id = @agentId, queue_name = @queueName,
                destination_name = @destinationName, updated_at = @now
            WHERE number = @e164
            """,
            "@type", "@agentId", "@queueName", "@destinationName", "@now", "@e164");
        using var audit = RouteAudit.Prepare(connection, transaction);

        foreach (var (entry, e164, target) in numbers)
        {
            var current = await NumberRows.FindAsync(find.With(e164), cancellationToken).ConfigureAwait(false)
                ?? throw RouteChangeRules.NotInInventory(entry, e164);

            if (!current.Owned && RouteChangeRules.NeedsOwnership(target))
            {
                throw RouteChangeRules.NotOwned(entry, e164);
            }

            if (current.DestinationType == DestinationType.Queue && RouteChangeRules.RefusesQueueNumbers(target))
            {
                throw RouteChangeRules.QueueNumber(entry, e164, current.Destination);
            }

            var oldToken = current.DestinationToken;
            var newToken = target.ToString();
            if (oldToken == newToken)
            {
                unchanged++;
                continue;
            }

            await update.With(target.Type.ToToken(), target.AgentId, target.QueueName, target.DestinationName, now, e164)
                .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await audit.With(now, e164, oldToken, newToken, actor).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            moved.Add((e164, current.AgentId));
            changed++;
        }

        var warnings = await CallerIdWarningsAsync(connection, transaction, moved, cancellationToken).ConfigureAwait(false);
        return new RouteChangeResult(changed, unchanged, warnings);
    }

    /// <summary>
    /// Moves one inbound-queue number to <paramref name="target"/> (an agent or a custom destination) in one
    /// transaction: the confirmed step "take it out of queue <paramref name="fromQueue"/>, then route it there", which
    /// <see cref="ApplyAsync"/> refuses as one step. Refused when the number is not (any longer) that queue's; the audit
    /// records both steps.
    /// </summary>
    public async Task<RouteChangeResult> MoveFromQueueAsync(
        NumberEntry entry, string fromQueue, RouteTarget target, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(fromQueue);
        var e164 = entry.Normalize(normalizer);
        return await store.WriteAsync(
            async (connection, transaction) =>
            {
                var current = await NumberRows.FindAsync(connection, transaction, e164, cancellationToken).ConfigureAwait(false)
                    ?? throw RouteChangeRules.NotInInventory(entry, e164);
                if (current.DestinationType != DestinationType.Queue || !string.Equals(current.Destination, fromQueue, StringComparison.Ordinal))
                {
                    throw new RoutingRefusedException($"{entry.Describe()} ({e164}) is no longer a number of queue '{fromQueue}': reload and try again.");
                }

                await ApplyInTransactionAsync(connection, transaction, [(entry, e164, RouteTarget.Unassigned)], actor, cancellationToken).ConfigureAwait(false);
                return await ApplyInTransactionAsync(connection, transaction, [(entry, e164, target)], actor, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets (or with null, turns off) the callback window of one owned inventory number; returns the window it had.
    /// The window belongs to the number, whichever agent or campaign presents it as caller ID.
    /// </summary>
    public async Task<(string Number, TimeSpan? Previous)> SetCallbackWindowAsync(
        NumberEntry entry, TimeSpan? window, CancellationToken cancellationToken = default)
    {
        if (window is { } w && (w < TimeSpan.FromHours(1) || w > Validation.InputRules.MaxCallbackWindow))
        {
            throw new RoutingRefusedException("A callback window is from 1 hour to 30 days.");
        }

        var e164 = entry.Normalize(normalizer);
        return await store.WriteAsync(
            async (connection, transaction) =>
            {
                var current = await NumberRows.FindAsync(connection, transaction, e164, cancellationToken).ConfigureAwait(false)
                    ?? throw new RoutingRefusedException($"{entry.Describe()} ({e164}) is not in the number inventory: add it with 'numbers add' first.");
                if (!current.Owned && window is not null)
                {
                    throw new RoutingRefusedException($"{entry.Describe()} ({e164}) is not owned by us at the carrier, so no call reaches it.");
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE inbound_numbers SET callback_window_seconds = @seconds, updated_at = @now WHERE number = @e164",
                    new { seconds = window is { } v ? (long?)v.TotalSeconds : null, now = store.Now(), e164 },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return (e164, current.CallbackWindow);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets (or with null, turns off) the callback window of many numbers in one transaction, with exactly the checks
    /// and messages of <see cref="SetCallbackWindowAsync"/>: one number that cannot take it refuses them all.
    /// </summary>
    /// <returns>How many numbers were given (each now has the window).</returns>
    public async Task<int> SetCallbackWindowsAsync(IReadOnlyList<NumberEntry> entries, TimeSpan? window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (window is { } w && (w < TimeSpan.FromHours(1) || w > Validation.InputRules.MaxCallbackWindow))
        {
            throw new RoutingRefusedException("A callback window is from 1 hour to 30 days.");
        }

        var parsed = entries.Select(e => (Entry: e, E164: e.Normalize(normalizer))).DistinctBy(p => p.E164).ToList();
        return await store.WriteAsync(
            async (connection, transaction) =>
            {
                foreach (var (entry, e164) in parsed)
                {
                    var current = await NumberRows.FindAsync(connection, transaction, e164, cancellationToken).ConfigureAwait(false)
                        ?? throw new RoutingRefusedException($"{entry.Describe()} ({e164}) is not in the number inventory: add it with 'numbers add' first.");
                    if (!current.Owned && window is not null)
                    {
                        throw new RoutingRefusedException($"{entry.Describe()} ({e164}) is not owned by us at the carrier, so no call reaches it.");
                    }

                    await connection.ExecuteAsync(new CommandDefinition(
                        "UPDATE inbound_numbers SET callback_window_seconds = @seconds, updated_at = @now WHERE number = @e164",
                        new { seconds = window is { } v ? (long?)v.TotalSeconds : null, now = store.Now(), e164 },
                        transaction,
                        cancellationToken: cancellationToken)).ConfigureAwait(false);
                }

                return parsed.Count;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The latest audit entries, newest first, optionally for one number.</summary>
    public async Task<IReadOnlyList<RouteAuditEntry>> AuditAsync(string? e164 = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await RouteAudit.ListAsync(connection, e164, limit, cancellationToken).ConfigureAwait(false);
    }

    // A number moved away from the agent whose outbound caller ID it is breaks their 2-way VoIP: say so.
    private static async Task<IReadOnlyList<string>> CallerIdWarningsAsync(
        DbConnection connection, DbTransaction transaction, List<(string Number, string? FromAgent)> moved, CancellationToken ct)
    {
        // Pairs, not a map by number: agents may share a caller ID (a company number), and only the one the number
        // is taken from loses its callbacks.
        var callerIds = (await connection.QueryAsync<(string Id, string Cid)>(new CommandDefinition(
                "SELECT id, outbound_cid FROM agents WHERE outbound_cid IS NOT NULL", transaction: transaction, cancellationToken: ct)).ConfigureAwait(false))
            .ToHashSet();
        var warnings = new List<string>();
        foreach (var (number, fromAgent) in moved)
        {
            if (fromAgent is not null && callerIds.Contains((fromAgent, number)))
            {
                warnings.Add(RouteChangeRules.CallerIdWarning(number, fromAgent));
            }
        }

        return warnings;
    }
}
