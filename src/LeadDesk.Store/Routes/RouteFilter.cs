using LeadDesk.Store.Numbers;

namespace LeadDesk.Store.Routes;

/// <summary>
/// Which numbers a listing or an "all matching" change covers: optionally one destination type, and a search
/// that matches part of the number (digits as typed, or a whole number's E.164 form) or, for any other text, the
/// destination user's id or name, the label, or the queue's or custom destination's name (what the CLI's
/// <c>routes list --search</c> finds); optionally owned or not-owned numbers only.
/// </summary>
public sealed record RouteFilter(DestinationType? Type = null, string? Search = null, bool? Owned = null)
{
    public static RouteFilter All { get; } = new();

    /// <summary>The SQL condition over <c>inbound_numbers n</c> and its parameters, for the engine that runs it.</summary>
    internal (string Sql, Dapper.DynamicParameters Parameters) ToSql(PhoneNumberNormalizer normalizer, StoreProvider provider)
    {
        var parameters = new Dapper.DynamicParameters();
        var conditions = new List<string>();
        if (Type is { } type)
        {
            conditions.Add("n.destination_type = @filterType");
            parameters.Add("filterType", type.ToToken());
        }

        if (Owned is { } owned)
        {
            conditions.Add("n.owned = @filterOwned");
            parameters.Add("filterOwned", owned ? 1 : 0);
        }

        var search = Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            var matches = new List<string>();
            if (Digits(search) is { } digits)
            {
                // Digits are a number fragment: matching them against agent names too would only cost a join per row.
                // This test runs on every one of 100,000 numbers (twice: the count and the page), so it is a plain
                // substring search, not LIKE '%...%' ESCAPE: the same matches (digits and '+' are never wildcards),
                // for less per row (bench --web).
                parameters.Add("numberFragment", digits);
                matches.Add(provider == StoreProvider.Postgres ? "strpos(n.number, @numberFragment) > 0" : "instr(n.number, @numberFragment) > 0");
            }
            else
            {
                // The few matching agents are found first, then their numbers through the agent index: no per-row join.
                parameters.Add("searchLike", "%" + EscapeLike(search) + "%");
                // lower() on both sides: SQLite's LIKE ignores ASCII case by itself, PostgreSQL's does not.
                matches.Add("n.agent_id IN (SELECT id FROM agents WHERE lower(id) LIKE lower(@searchLike) ESCAPE '\\' OR lower(name) LIKE lower(@searchLike) ESCAPE '\\')");
                matches.Add("lower(n.label) LIKE lower(@searchLike) ESCAPE '\\'");
                matches.Add("lower(COALESCE(n.queue_name, n.destination_name)) LIKE lower(@searchLike) ESCAPE '\\'");
            }

            // "0401234567" finds +358401234567: a whole number is also looked up in its E.164 form.
            if (normalizer.TryNormalize(search, out var e164, out _))
            {
                parameters.Add("searchE164", e164);
                matches.Add("n.number = @searchE164");
            }

            conditions.Add("(" + string.Join(" OR ", matches) + ")");
        }

        return (conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions), parameters);
    }

    // A fragment of a number as typed, without the spaces and dashes people put in; null when it is not one.
    private static string? Digits(string search)
    {
        var digits = new string(search.Where(c => c is not (' ' or '-' or '(' or ')')).ToArray());
        var body = digits.StartsWith('+') ? digits[1..] : digits;
        return body.Length > 0 && body.All(char.IsAsciiDigit) ? digits : null;
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
