using System.Runtime.CompilerServices;
using Dapper;

namespace LeadDesk.Store.CallLog;

/// <summary>The call log as the web admin reads it: filtered pages, newest first, and a streamed export.</summary>
public sealed partial class CallLogStore
{
    /// <summary>
    /// One page of calls matching <paramref name="query"/>, newest first. No total: counting a million rows for every
    /// page is what would make it slow; one row more than asked says whether an older page exists.
    /// </summary>
    public async Task<CallLogPage> PageAsync(CallLogQuery query, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        limit = Math.Clamp(limit, 1, CallLogQuery.MaxPage);
        offset = Math.Max(0, offset);
        var (where, parameters) = query.ToSql();
        parameters.Add("take", limit + 1);
        parameters.Add("skip", offset);
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            {SelectRows}
            {where}
            ORDER BY started_at DESC, id DESC
            LIMIT @take OFFSET @skip
            """,
            parameters,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        return new CallLogPage(offset, rows.Take(limit).Select(r => r.ToEntry()).ToList(), rows.Count > limit);
    }

    /// <summary>
    /// Every call matching <paramref name="query"/>, newest first, at most <paramref name="max"/>, read one row at a
    /// time from the database as the caller consumes them: an export of 100,000 rows never holds them all.
    /// </summary>
    public async IAsyncEnumerable<CallLogEntry> StreamAsync(
        CallLogQuery query, int max, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (where, parameters) = query.ToSql();
        parameters.Add("take", Math.Max(0, max));
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            {SelectRows}
            {where}
            ORDER BY started_at DESC, id DESC
            LIMIT @take
            """,
            parameters,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var parse = reader.GetRowParser<Row>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return parse(reader).ToEntry();
        }
    }
}
