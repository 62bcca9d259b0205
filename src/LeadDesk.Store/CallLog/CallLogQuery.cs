namespace LeadDesk.Store.CallLog;

/// <summary>
/// Which calls a call-log page or export covers, newest first. Every condition is optional and they combine with AND.
/// </summary>
/// <param name="From">Calls that started at or after this instant.</param>
/// <param name="To">Calls that started before this instant.</param>
/// <param name="Agent">The agent who took or made the call (id, as stored).</param>
/// <param name="Number">A number in E.164 (or its leading part when <paramref name="NumberPrefix"/>): the dialled number or the caller's.</param>
/// <param name="NumberPrefix">Match <paramref name="Number"/> as the start of a number rather than the whole of it.</param>
public sealed record CallLogQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    CallDirection? Direction = null,
    CallOutcome? Outcome = null,
    string? Agent = null,
    string? Number = null,
    bool NumberPrefix = false)
{
    public static CallLogQuery All { get; } = new();

    /// <summary>The largest page the log hands out at once.</summary>
    public const int MaxPage = 500;

    /// <summary>The WHERE clause over <c>call_log</c> and its parameters (each condition has an index of step 13).</summary>
    /// <param name="number">Which number column <see cref="Number"/> is matched on, and whether its index may serve it.</param>
    internal (string Where, Dapper.DynamicParameters Parameters) ToSql(NumberMatch number = NumberMatch.Either)
    {
        var parameters = new Dapper.DynamicParameters();
        var conditions = new List<string>();
        if (From is { } from)
        {
            conditions.Add("started_at >= @from");
            parameters.Add("from", Timestamps.Format(from));
        }

        if (To is { } to)
        {
            conditions.Add("started_at < @to");
            parameters.Add("to", Timestamps.Format(to));
        }

        if (Direction is { } direction)
        {
            // The expression of ix_call_log_direction_started (step 13), written the same way so the index serves it.
            conditions.Add("lower(direction) = @direction");
            parameters.Add("direction", direction.ToToken());
        }

        if (Outcome is { } outcome)
        {
            // The expression of ix_call_log_outcome_started (step 13), written the same way so the index serves it.
            conditions.Add("COALESCE(outcome, '') = @outcome");
            parameters.Add("outcome", outcome.ToToken());
        }

        if (!string.IsNullOrWhiteSpace(Agent))
        {
            conditions.Add("agent_id = @agent");
            parameters.Add("agent", Agent.Trim().ToLowerInvariant());
        }

        if (NumberValue is { } value)
        {
            // "|| ''" makes the column an expression no index is on: the planner then walks another filter's index
            // (or the start time's) in order instead of sorting every row the number's range matches.
            var (dialled, caller) = number == NumberMatch.Unindexed
                ? ("(dialled_number || '')", "(caller_number || '')")
                : ("dialled_number", "caller_number");
            string Match(string column) => NumberPrefix
                ? $"({column} >= @numberLow AND {column} < @numberHigh)"
                : $"{column} = @number";
            conditions.Add(number switch
            {
                NumberMatch.Dialled => Match(dialled),
                NumberMatch.Caller => Match(caller),
                _ => $"({Match(dialled)} OR {Match(caller)})",
            });
            if (NumberPrefix)
            {
                // A range, not LIKE: both columns' indexes answer it, in either engine, whatever the collation.
                parameters.Add("numberLow", value);
                parameters.Add("numberHigh", value[..^1] + (char)(value[^1] + 1));
            }
            else
            {
                parameters.Add("number", value);
            }
        }

        return (conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions), parameters);
    }

    /// <summary>The number filter, trimmed; null when there is none.</summary>
    internal string? NumberValue => string.IsNullOrWhiteSpace(Number) ? null : Number.Trim();
}

/// <summary>How <see cref="CallLogQuery.ToSql"/> writes the number filter.</summary>
internal enum NumberMatch
{
    /// <summary>The dialled number or the caller's, each column's index free to serve it.</summary>
    Either,

    /// <summary>Only the dialled number (one branch of a union), its index serving it.</summary>
    Dialled,

    /// <summary>Only the caller's number (the other branch), its index serving it.</summary>
    Caller,

    /// <summary>Either column, with no index serving it: for a prefix so common that walking in time order is cheaper.</summary>
    Unindexed,
}

/// <summary>One page of the call log, newest first; <see cref="HasMore"/> when an older page follows.</summary>
public sealed record CallLogPage(int Offset, IReadOnlyList<CallLogEntry> Items, bool HasMore);
