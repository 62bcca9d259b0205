using System.Globalization;
using System.Net;

namespace RouteController.Tests.Metrics;

/// <summary>One GET /metrics, parsed the way Prometheus reads it: <c>name{labels} value</c> per line.</summary>
internal sealed class Scrape
{
    private Scrape(string text, string? contentType)
    {
        Text = text;
        ContentType = contentType;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            Samples[line[..space]] = double.Parse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
        }
    }

    public string Text { get; }

    public string? ContentType { get; }

    /// <summary>Every sample by its series (<c>name{a="x",b="y"}</c>, labels sorted by name).</summary>
    public Dictionary<string, double> Samples { get; } = new(StringComparer.Ordinal);

    public double this[string series] =>
        Samples.TryGetValue(series, out var value) ? value : throw new Xunit.Sdk.XunitException($"no series {series} in /metrics:\n{Text}");

    public static async Task<Scrape> GetAsync(HttpClient http, string healthUrl, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(healthUrl + "metrics"), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new Scrape(await response.Content.ReadAsStringAsync(ct), response.Content.Headers.ContentType?.ToString());
    }

    /// <summary>Scrapes until <paramref name="done"/> holds: a counter moves a moment after the caller sees the call end.</summary>
    public static Task<Scrape> WhenAsync(HttpClient http, string healthUrl, Func<Scrape, bool> done, CancellationToken ct) =>
        Poll.UntilAsync(() => GetAsync(http, healthUrl, ct), done, TimeSpan.FromSeconds(10), "the awaited /metrics", ct);

    public override string ToString() => Text;
}
