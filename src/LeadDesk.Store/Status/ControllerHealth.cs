using System.Net.Http.Json;
using System.Text.Json;

namespace LeadDesk.Store.Status;

/// <summary>
/// Reads the running route controller's HTTP side: its <c>/healthz</c> report (what <c>leaddesk-admin status</c> and the
/// web admin's Status page show) and the agents it holds on a call (<c>/claims</c>, for a SQLite site where those
/// claims live only in the controller's memory).
/// </summary>
public static class ControllerHealth
{
    /// <summary>Where the controller's HTTP side listens unless configured otherwise (<c>Health:Url</c>).</summary>
    public const string DefaultUrl = "http://127.0.0.1:8090/";

    private static readonly HttpClient Shared = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>
    /// The controller's report as sent (a 503 still carries one: "running, but ARI is down"). An unreachable
    /// controller, or an answer that is not a health report, is an <see cref="IOException"/> saying so.
    /// </summary>
    public static async Task<JsonDocument> FetchAsync(Uri healthz, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(healthz);
        try
        {
            using var response = await Shared.GetAsync(healthz, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var report = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (report.RootElement.ValueKind != JsonValueKind.Object || !report.RootElement.TryGetProperty("ariConnected", out _))
            {
                report.Dispose();
                throw new InvalidDataException($"{healthz} did not answer with a controller health report");
            }

            return report;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            throw new IOException($"the route controller is not reachable at {healthz}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The agents the controller at <paramref name="baseUrl"/> holds on a call now: <c>GET {baseUrl}claims</c> answers
    /// a JSON array of <c>{"agentId": "...", "callId": "...", "since": "ISO-8601"}</c> (<c>since</c> optional).
    /// Unreachable, or not such an answer: an <see cref="IOException"/> saying so.
    /// </summary>
    public static async Task<IReadOnlyList<AgentOnCall>> ClaimsAsync(Uri baseUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var url = new Uri(baseUrl, "claims");
        try
        {
            using var response = await Shared.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new IOException($"the route controller at {url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var claims = await response.Content.ReadFromJsonAsync<List<AgentOnCall>>(JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);
            return claims?.Where(c => !string.IsNullOrEmpty(c.AgentId)).ToList() ?? [];
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or NotSupportedException)
        {
            throw new IOException($"the route controller is not reachable at {url}: {e.Message}", e);
        }
    }
}

/// <summary>An agent held on a call by a controller.</summary>
/// <param name="Controller">The controller holding them (PostgreSQL sites: every controller's claims are in one table).</param>
public sealed record AgentOnCall(string AgentId, string? CallId = null, DateTimeOffset? Since = null, string? Controller = null);
