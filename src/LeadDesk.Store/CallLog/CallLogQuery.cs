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
    internal (string Where, Dapper.DynamicParameters Parameters) ToSql()
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

        if (!string.IsNullOrWhiteSpace(Number))
        {
            var number = Number.Trim();
            if (NumberPrefix)
            {
                // A range, not LIKE: both columns' indexes answer it, in either engine, whatever the collation.
                conditions.Add("((dialled_number >= @numberLow AND dialled_number < @numberHigh) OR (caller_number >= @numberLow AND caller_number < @numberHigh))");
                parameters.Add("numberLow", number);
                parameters.Add("numberHigh", number[..^1] + (char)(number[^1] + 1));
            }
            else
            {
                conditions.Add("(dialled_number = @number OR caller_number = @number)");
                parameters.Add("number", number);
            }
        }

        return (conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions), parameters);
    }
}

/// <summary>One page of the call log, newest first; <see cref="HasMore"/> when an older page follows.</summary>
public sealed record CallLogPage(int Offset, IReadOnlyList<CallLogEntry> Items, bool HasMore);
