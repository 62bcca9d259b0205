using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;

namespace LeadDesk.Store.CallLog;

/// <summary>The call log as the web admin reads it: filtered pages, newest first, and a streamed export.</summary>
public sealed partial class CallLogStore
{
    /// <summary>
    /// From how many rows a number prefix counts as common: below it the rows its range matches are sorted (a few
    /// milliseconds), from it the newest calls are walked in start order until a page has matched (one in every
    /// 200 rows of a million at worst, so a page is found within some ten thousand).
    /// </summary>
    internal const int CommonPrefixRows = 5_000;

    private const string NewestFirst = "ORDER BY started_at DESC, id DESC";

    /// <summary>
    /// One page of calls matching <paramref name="query"/>, newest first. No total: counting a million rows for every
    /// page is what would make it slow; one row more than asked says whether an older page exists.
    /// </summary>
    public async Task<CallLogPage> PageAsync(CallLogQuery query, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        limit = Math.Clamp(limit, 1, CallLogQuery.MaxPage);
        offset = Math.Max(0, offset);
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var (sql, parameters) = await PlanAsync(connection, query, limit + 1, offset, cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))
            .ConfigureAwait(false)).ToList();
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
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var (sql, parameters) = await PlanAsync(connection, query, Math.Max(0, max), 0, cancellationToken).ConfigureAwait(false);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        var parse = reader.GetRowParser<Row>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return parse(reader).ToEntry();
        }
    }

    /// <summary>
    /// The statement for rows <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> of
    /// <paramref name="query"/>, newest first, written so that no filter sorts more than a few thousand rows.
    /// </summary>
    /// <remarks>
    /// A number matches the dialled number or the caller's, and "a OR b" makes the planner gather both columns'
    /// matches and sort them all: 100,000 rows for a centre's main line. Instead each column is read on its own
    /// (<c>(number, started_at)</c> indexes of step 13, which give a whole number's calls in start order, so each
    /// branch stops after a page) and the two are merged. A prefix's range is not in start order: a prefix matching
    /// few rows is sorted per branch all the same, a common one (<see cref="CommonPrefixRows"/>, counted on the
    /// indexes alone and stopped there) is matched while walking the newest calls instead.
    /// </remarks>
    private static async Task<(string Sql, DynamicParameters Parameters)> PlanAsync(
        DbConnection connection, CallLogQuery query, long take, long skip, CancellationToken cancellationToken)
    {
        if (query.NumberValue is null
            || (query.NumberPrefix && await IsCommonPrefixAsync(connection, query, cancellationToken).ConfigureAwait(false)))
        {
            var (where, parameters) = query.ToSql(query.NumberValue is null ? NumberMatch.Either : NumberMatch.Unindexed);
            parameters.Add("take", take);
            parameters.Add("skip", skip);
            return ($"{SelectRows}\n{where}\n{NewestFirst}\nLIMIT @take OFFSET @skip", parameters);
        }

        var (dialled, both) = query.ToSql(NumberMatch.Dialled);
        var (caller, _) = query.ToSql(NumberMatch.Caller);
        both.Add("take", take);
        both.Add("skip", skip);
        both.Add("branch", take + skip);
        return (
            $"""
            SELECT * FROM ({SelectRows} {dialled} {NewestFirst} LIMIT @branch) AS dialled
            UNION
            SELECT * FROM ({SelectRows} {caller} {NewestFirst} LIMIT @branch) AS caller
            ORDER BY StartedAt DESC, Id DESC
            LIMIT @take OFFSET @skip
            """,
            both);
    }

    /// <summary>Whether the query's number prefix matches at least <see cref="CommonPrefixRows"/> rows (index entries counted, then stopped).</summary>
    private static async Task<bool> IsCommonPrefixAsync(DbConnection connection, CallLogQuery query, CancellationToken cancellationToken)
    {
        var (_, parameters) = query.ToSql(NumberMatch.Dialled);
        parameters.Add("cap", CommonPrefixRows);
        var matched = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM call_log WHERE dialled_number >= @numberLow AND dialled_number < @numberHigh LIMIT @cap) AS d)
                 + (SELECT COUNT(*) FROM (SELECT 1 FROM call_log WHERE caller_number >= @numberLow AND caller_number < @numberHigh LIMIT @cap) AS c)
            """,
            parameters,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return matched >= CommonPrefixRows;
    }
}
