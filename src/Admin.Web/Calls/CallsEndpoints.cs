using System.Globalization;
using System.Text;
using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store;
using LeadDesk.Store.CallLog;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Validation;

namespace LeadDesk.Admin.Web.Calls;

/// <summary>
/// <c>/api/calls</c>: the call log, newest first, filtered in SQL over the indexes of schema step 13 and paged by the
/// server; <c>/api/calls/export</c> streams the filtered rows as CSV a row at a time (nothing is held in memory).
/// </summary>
internal static class CallsEndpoints
{
    /// <summary>The most rows one export writes.</summary>
    public const int MaxExport = 1_000_000;

    public static void Map(RouteGroupBuilder api)
    {
        var calls = api.MapGroup("/calls").RequireAuthorization(AdminWebApp.AdminPolicy).WithTags("Call log");

        calls.MapGet("/", async ([AsParameters] CallFilter filter, int? offset, int? limit, CallLogStore log, PhoneNumberNormalizer normalizer, CancellationToken ct) =>
            {
                var page = await log.PageAsync(filter.ToQuery(normalizer), offset ?? 0, limit ?? 50, ct).ConfigureAwait(false);
                return new CallPageResponse(page.Offset, page.Items.Select(CallRow.From).ToList(), page.HasMore);
            })
            .WithSummary("A page of calls, newest first: from, to (ISO-8601 instants), direction (inbound|outbound), outcome, agent, number (whole, or its start with prefix=true), offset, limit (at most 500); hasMore says whether an older page follows");

        calls.MapGet("/export", async ([AsParameters] CallFilter filter, HttpContext http, CallLogStore log, PhoneNumberNormalizer normalizer, CancellationToken ct) =>
            {
                var query = filter.ToQuery(normalizer);
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = "attachment; filename=\"calls.csv\"";
                await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024);
                await writer.WriteLineAsync(CallRow.CsvHeader.AsMemory(), ct).ConfigureAwait(false);
                var count = 0;
                await foreach (var call in log.StreamAsync(query, MaxExport, ct).ConfigureAwait(false))
                {
                    await writer.WriteLineAsync(CallRow.From(call).ToCsv().AsMemory(), ct).ConfigureAwait(false);
                    if (++count % 2000 == 0)
                    {
                        await writer.FlushAsync(ct).ConfigureAwait(false);
                    }
                }

                await writer.FlushAsync(ct).ConfigureAwait(false);
            })
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The calls matching the same filters as CSV, newest first, streamed (at most 1,000,000 rows)");
    }
}

/// <summary>The Call log's filters as query parameters.</summary>
public sealed record CallFilter(string? From, string? To, string? Direction, string? Outcome, string? Agent, string? Number, bool? Prefix)
{
    public CallLogQuery ToQuery(PhoneNumberNormalizer normalizer)
    {
        CallDirection? direction = null;
        if (!string.IsNullOrWhiteSpace(Direction))
        {
            direction = CallDirections.TryParse(Direction.Trim().ToLowerInvariant(), out var d)
                ? d
                : throw new RoutingRefusedException($"{InputRules.Describe(Direction)} is not a direction: use inbound or outbound.");
        }

        CallOutcome? outcome = null;
        if (!string.IsNullOrWhiteSpace(Outcome))
        {
            outcome = CallOutcomes.TryParse(Outcome.Trim().ToLowerInvariant(), out var o)
                ? o
                : throw new RoutingRefusedException($"{InputRules.Describe(Outcome)} is not a call outcome: use {string.Join(", ", Enum.GetValues<CallOutcome>().Select(v => v.ToToken()))}.");
        }

        string? number = null;
        var prefix = Prefix ?? false;
        if (!string.IsNullOrWhiteSpace(Number))
        {
            var typed = new string(Number.Where(c => c is not (' ' or '-' or '(' or ')')).ToArray());
            if (prefix)
            {
                // The start of a number as stored (E.164): "+35840" or "35840"; a national "040" becomes "+35840".
                var digits = typed.TrimStart('+');
                if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
                {
                    throw new RoutingRefusedException($"{InputRules.Describe(Number)} is not the start of a phone number: digits, optionally after +.");
                }

                number = typed.StartsWith('+') ? typed
                    : digits.StartsWith('0') && normalizer.TryNormalize(digits + "1234567", out var e164, out _) ? e164[..^7]
                    : "+" + digits;
            }
            else
            {
                number = new NumberEntry(Number).Normalize(normalizer);
            }
        }

        return new CallLogQuery(Instant(From, "from"), Instant(To, "to"), direction, outcome, string.IsNullOrWhiteSpace(Agent) ? null : Agent, number, prefix);
    }

    private static DateTimeOffset? Instant(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw new RoutingRefusedException($"{InputRules.Describe(value)} is not a time for '{name}': use ISO-8601, e.g. 2026-01-05T09:00:00Z.");
}

public sealed record CallPageResponse(int Offset, IReadOnlyList<CallRow> Items, bool HasMore);

/// <summary>One call as the Call log shows it.</summary>
/// <param name="Number">The number the call is about: the dialled inbound number, or the lead an agent called.</param>
/// <param name="Party">The caller (inbound) or the lead (outbound), with the caller's name when sent.</param>
public sealed record CallRow(
    long Id,
    DateTimeOffset StartedAt,
    string Direction,
    string Number,
    string Party,
    string? Agent,
    string? Route,
    string? Destination,
    string Outcome,
    string? Detail,
    double? DurationSeconds,
    double? TalkSeconds,
    string? CallerIdUsed)
{
    public const string CsvHeader = "id,started_at,direction,number,caller_or_lead,agent,route,destination,outcome,detail,duration_s,talk_s,caller_id_used";

    public static CallRow From(CallLogEntry c) => new(
        c.Id,
        c.StartedAt,
        c.Direction.ToToken(),
        c.Direction == CallDirection.Outbound ? c.LeadNumber ?? c.DialledNumber : c.DialledNumber,
        c.Direction == CallDirection.Outbound ? c.LeadNumber ?? c.DialledNumber : c.CallerName is null ? c.CallerNumber : $"{c.CallerNumber} ({c.CallerName})",
        c.AgentId,
        c.RouteType,
        c.Destination,
        c.Outcome?.ToToken() ?? "in progress",
        c.Detail,
        c.TotalDuration is { } t ? Math.Round(t.TotalSeconds, 1) : null,
        c.TalkDuration is { } k ? Math.Round(k.TotalSeconds, 1) : null,
        c.CallerIdUsed);

    public string ToCsv() => string.Join(',',
        Id.ToString(CultureInfo.InvariantCulture),
        StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        Direction,
        Field(Number),
        Field(Party),
        Field(Agent),
        Field(Route),
        Field(Destination),
        Outcome,
        Field(Detail),
        DurationSeconds?.ToString("0.0", CultureInfo.InvariantCulture) ?? "",
        TalkSeconds?.ToString("0.0", CultureInfo.InvariantCulture) ?? "",
        Field(CallerIdUsed));

    // RFC 4180 quoting, and a leading = + - @ made inert so a spreadsheet never runs a caller name as a formula.
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '@' or '\t' or '\r' || (value[0] is '+' or '-' && !value.Skip(1).All(char.IsAsciiDigit)))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
