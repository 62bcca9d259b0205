using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadDesk.Store.CallLog;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary>
/// <c>status</c>: asks the running controller's health endpoint whether it is connected to Asterisk, with the
/// headline figures (calls in progress, voicemail backlog) and the last hour of the call log by outcome.
/// Exit 0 when it is; 3 when the controller cannot be reached or ARI is down, so scripts and monitors can act on it.
/// </summary>
internal static class StatusCommand
{
    private const string DefaultHealthUrl = LeadDesk.Store.Status.ControllerHealth.DefaultUrl;

    public static Command Create(CommandFactory factory)
    {
        var url = new Option<string?>("--health-url")
        {
            Description = $"The controller's health address (else Health:Url / Health__Url, else {DefaultHealthUrl})",
            HelpName = "URL",
        };
        var status = factory.Leaf("", "status", "Whether the route controller is connected to Asterisk, its calls in progress and voicemail backlog, and the last hour by outcome", async (ctx, pr, ct) =>
        {
            var baseUrl = pr.GetValue(url) ?? ctx.Setting("Health:Url") ?? DefaultHealthUrl;
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new UsageException($"'{baseUrl}' is not an http(s) URL.");
            }

            using var report = await FetchAsync(new Uri(uri, "healthz"), ct).ConfigureAwait(false);
            var health = report.RootElement;
            var connected = health.GetProperty("ariConnected").GetBoolean();
            var lastHour = await LastHourAsync(ctx, ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                // The controller's report as sent, plus this CLI's reading of the call log.
                var json = JsonNode.Parse(health.GetRawText())!.AsObject();
                json["lastHourByOutcome"] = lastHour is null ? null : new JsonObject(lastHour.Select(p => KeyValuePair.Create(p.Key.ToToken(), (JsonNode?)JsonValue.Create(p.Value))));
                ctx.Out.WriteLine(json.ToJsonString());
            }
            else
            {
                var ari = Text(health, "ariUrl") ?? "the configured ARI address";
                ctx.Out.WriteLine(connected ? $"ARI connected to {ari} since {Text(health, "connectedSince")}" : $"ARI NOT connected to {ari}");
                if (!connected && Text(health, "lastError") is { Length: > 0 } why)
                {
                    ctx.Out.WriteLine($"Why: {why}");
                }

                ctx.Out.WriteLine($"Active calls: {Text(health, "activeCalls")}");
                if (Text(health, "voicemailPending") is { } pending)
                {
                    var oldest = health.GetProperty("voicemailOldestSeconds").GetDouble();
                    ctx.Out.WriteLine(pending == "0" ? "Voicemail outbox: empty" : $"Voicemail outbox: {pending} waiting, oldest {TimeSpan.FromSeconds(Math.Round(oldest)):c}");
                }

                var ended = (lastHour ?? new Dictionary<CallOutcome, int>()).Where(p => p.Value > 0).OrderByDescending(p => p.Value).ThenBy(p => p.Key).ToList();
                ctx.Out.WriteLine(lastHour is null ? "Last hour: call log not readable"
                    : ended.Count == 0 ? "Last hour: no calls"
                    : $"Last hour: {ended.Sum(p => p.Value)} calls: " + string.Join(", ", ended.Select(p => $"{p.Key.ToToken()} {p.Value}")));
                ctx.Out.WriteLine($"Asterisk: {Text(health, "asteriskVersion") ?? "unknown"}, early media: {(health.GetProperty("earlyMedia").GetBoolean() ? "yes" : "no")}");
                var accepting = health.GetProperty("acceptingCalls").GetBoolean() && connected;
                ctx.Out.WriteLine($"Accepting calls: {(accepting ? "yes" : connected ? "no (stopping)" : "no (no ARI connection: Asterisk rejects calls to the application)")}");
                if (connected && Text(health, "lastError") is { Length: > 0 } error)
                {
                    ctx.Out.WriteLine($"Last error: {error}");
                }

                var mine = ctx.Location;
                ctx.Out.WriteLine($"Database (this CLI): {mine}");
                if (Text(health, "database") is { Length: > 0 } theirs)
                {
                    ctx.Out.WriteLine($"Database (controller): {theirs}");
                    if (!string.Equals(theirs, mine.Path, StringComparison.Ordinal))
                    {
                        ctx.Error.WriteLine("warning: the controller uses another database file than this CLI: changes made here will not reach its calls (set Database__Path or --db to the same file).");
                    }
                }

                if (health.TryGetProperty("warnings", out var warnings) && warnings.ValueKind == JsonValueKind.Array)
                {
                    foreach (var warning in warnings.EnumerateArray())
                    {
                        ctx.Error.WriteLine("warning: " + warning.GetString());
                    }
                }
            }

            if (!connected)
            {
                throw new InvalidOperationException("the controller is running but not connected to Asterisk's ARI");
            }
        });
        status.Options.Add(url);
        return status;
    }

    /// <summary>
    /// Every outcome with its count over the last hour, zeros included, so a script sees the same keys each time;
    /// null when the call log cannot be read: the controller's own figures are still worth showing.
    /// </summary>
    private static async Task<IReadOnlyDictionary<CallOutcome, int>?> LastHourAsync(CliContext ctx, CancellationToken ct)
    {
        try
        {
            var counts = await new CallLogStore(ctx.Store).CountOutcomesSinceAsync(DateTimeOffset.UtcNow.AddHours(-1), ct).ConfigureAwait(false);
            return Enum.GetValues<CallOutcome>().ToDictionary(o => o, o => counts.GetValueOrDefault(o));
        }
        catch (Exception e) when (e is LeadDesk.Store.StoreFileException or System.Data.Common.DbException)
        {
            ctx.Error.WriteLine($"warning: the call log could not be read: {e.Message}");
            return null;
        }
    }

    /// <summary>The controller's report as sent: the CLI reads the fields it shows and passes the rest on with --json.</summary>
    private static Task<JsonDocument> FetchAsync(Uri healthz, CancellationToken ct) => LeadDesk.Store.Status.ControllerHealth.FetchAsync(healthz, ct);

    private static string? Text(JsonElement report, string name) =>
        report.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;
}
