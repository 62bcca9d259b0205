using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary>
/// <c>status</c>: asks the running controller's health endpoint whether it is connected to Asterisk.
/// Exit 0 when it is; 3 when the controller cannot be reached or ARI is down, so scripts and monitors can act on it.
/// </summary>
internal static class StatusCommand
{
    private const string DefaultHealthUrl = "http://127.0.0.1:8090/";

    public static Command Create(CommandFactory factory)
    {
        var url = new Option<string?>("--health-url")
        {
            Description = $"The controller's health address (else Health:Url / Health__Url, else {DefaultHealthUrl})",
            HelpName = "URL",
        };
        var status = factory.Leaf("", "status", "Whether the route controller is connected to Asterisk, since when, and how many calls are active", async (ctx, pr, ct) =>
        {
            var baseUrl = pr.GetValue(url) ?? ctx.Setting("Health:Url") ?? DefaultHealthUrl;
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new UsageException($"'{baseUrl}' is not an http(s) URL.");
            }

            var report = await FetchAsync(new Uri(uri, "healthz"), ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(report);
            }
            else
            {
                ctx.Out.WriteLine(report.AriConnected
                    ? $"ARI connected since {report.ConnectedSince?.ToString("u", CultureInfo.InvariantCulture)}"
                    : "ARI NOT connected");
                ctx.Out.WriteLine($"Active calls: {report.ActiveCalls}");
                ctx.Out.WriteLine($"Asterisk: {report.AsteriskVersion ?? "unknown"}, early media: {(report.EarlyMedia ? "yes" : "no")}");
                ctx.Out.WriteLine($"Accepting calls: {(report.AcceptingCalls ? "yes" : "no (stopping)")}");
                if (report.LastError is { Length: > 0 } error)
                {
                    ctx.Out.WriteLine($"Last error: {error}");
                }
            }

            if (!report.AriConnected)
            {
                throw new InvalidOperationException("the controller is running but not connected to Asterisk's ARI");
            }
        });
        status.Options.Add(url);
        return status;
    }

    private static async Task<HealthReport> FetchAsync(Uri healthz, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            // 503 still carries the report: it means "running, but ARI is down".
            using var response = await http.GetAsync(healthz, ct).ConfigureAwait(false);
            return await response.Content.ReadFromJsonAsync<HealthReport>(ct).ConfigureAwait(false)
                ?? throw new InvalidDataException($"{healthz} answered without a report");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            throw new IOException($"the route controller is not reachable at {healthz}: {e.Message}", e);
        }
    }

    private sealed record HealthReport(
        [property: JsonPropertyName("ariConnected")] bool AriConnected,
        [property: JsonPropertyName("connectedSince")] DateTimeOffset? ConnectedSince,
        [property: JsonPropertyName("activeCalls")] int ActiveCalls,
        [property: JsonPropertyName("lastError")] string? LastError,
        [property: JsonPropertyName("asteriskVersion")] string? AsteriskVersion,
        [property: JsonPropertyName("earlyMedia")] bool EarlyMedia,
        [property: JsonPropertyName("acceptingCalls")] bool AcceptingCalls);
}
