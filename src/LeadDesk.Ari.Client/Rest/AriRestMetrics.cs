using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;

namespace LeadDesk.Ari.Client.Rest;

/// <summary>
/// The ARI requests this client makes, on the meter <c>LeadDesk.Ari.Client</c>: how many by resource and status
/// class, and how long they took. Labels are bounded: the resource is the first path segment (channels, bridges,
/// ...), never an id; the status is a class (2xx, 4xx, 5xx) or <c>error</c> when no answer came.
/// Made from the host's <see cref="IMeterFactory"/>, so two clients in one process (tests) keep their counts apart.
/// </summary>
public sealed class AriRestMetrics
{
    public const string MeterName = "LeadDesk.Ari.Client";

    /// <summary>The resources of ARI (Asterisk 22 spec) this client calls; anything else is counted as <c>other</c>.</summary>
    public static readonly IReadOnlyList<string> Resources =
        ["applications", "asterisk", "bridges", "channels", "endpoints", "playbacks", "recordings", "other"];

    public static readonly IReadOnlyList<string> StatusClasses = ["2xx", "4xx", "5xx", "error"];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;

    public AriRestMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter = meters.Create(MeterName);
        _requests = Meter.CreateCounter<long>("leaddesk.ari.requests", "{request}", "ARI REST requests by resource and status class");
        // Loopback ARI answers in well under a millisecond; a slow Asterisk shows in the upper buckets.
        _duration = Meter.CreateHistogram("leaddesk.ari.request.duration", "s", "ARI REST request latency by resource",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
    }

    public Meter Meter { get; }

    /// <summary>Every label combination, so a scrape shows 0 rather than no series on a quiet controller.</summary>
    public IEnumerable<(Instrument Instrument, KeyValuePair<string, object?>[] Tags)> KnownSeries()
    {
        foreach (var resource in Resources)
        {
            yield return (_duration, [new("resource", resource)]);
            foreach (var status in StatusClasses)
            {
                yield return (_requests, [new("resource", resource), new("status", status)]);
            }
        }
    }

    internal void Record(string path, HttpStatusCode? status, long startedTimestamp)
    {
        var resource = ResourceOf(path);
        var statusClass = status switch
        {
            null => "error",
            < (HttpStatusCode)300 => "2xx",
            < (HttpStatusCode)500 => "4xx",
            _ => "5xx",
        };
        _requests.Add(1, new KeyValuePair<string, object?>("resource", resource), new KeyValuePair<string, object?>("status", statusClass));
        _duration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, new KeyValuePair<string, object?>("resource", resource));
    }

    internal static string ResourceOf(string path)
    {
        var trimmed = path.AsSpan().TrimStart('/');
        var end = trimmed.IndexOfAny('/', '?');
        var first = end < 0 ? trimmed : trimmed[..end];
        foreach (var resource in Resources)
        {
            if (first.Equals(resource, StringComparison.Ordinal))
            {
                return resource;
            }
        }

        return "other";
    }
}
