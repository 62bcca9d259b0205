using System.Text.Json.Serialization;

namespace LeadDesk.Bench;

/// <summary>A latency distribution in microseconds (nearest-rank percentiles).</summary>
internal sealed record Percentiles(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("p50Us")] double P50,
    [property: JsonPropertyName("p99Us")] double P99,
    [property: JsonPropertyName("p999Us")] double P999,
    [property: JsonPropertyName("maxUs")] double Max)
{
    public static Percentiles Of(IReadOnlyCollection<double> microseconds)
    {
        if (microseconds.Count == 0)
        {
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = microseconds.Order().ToArray();
        double Rank(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, Rank(0.50), Rank(0.99), Rank(0.999), sorted[^1]);
    }

    public override string ToString() =>
        Count == 0 ? "no samples" : $"p50 {Ms(P50)}  p99 {Ms(P99)}  p99.9 {Ms(P999)}  max {Ms(Max)}  (n={Count})";

    public static string Ms(double us) => us < 1000 ? $"{us:0} µs" : $"{us / 1000:0.00} ms";
}
