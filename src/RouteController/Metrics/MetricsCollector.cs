using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using LeadDesk.Ari.Client.Rest;

namespace LeadDesk.RouteController.Metrics;

/// <summary>
/// Keeps the values of the controller's meters (and the runtime's <c>System.Runtime</c>: CPU, memory, GC, thread
/// pool) for <c>/metrics</c>. A <see cref="MeterListener"/> rather than an exporter package: the Prometheus text
/// format is small, and this way nothing but the listener runs on the call path.
/// </summary>
internal sealed class MetricsCollector : IDisposable
{
    /// <summary>The .NET runtime's own meter (.NET 9 and later).</summary>
    public const string RuntimeMeterName = "System.Runtime";


    // Where an instrument gives no advice; seconds-shaped, since every histogram here is a duration.
    private static readonly double[] DefaultBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, ConcurrentDictionary<string, MetricSeries>> _series = new();

    // The call path's lookup: tags as given (up to three, which is all any instrument here has), no string built.
    private readonly ConcurrentDictionary<SeriesKey, MetricSeries> _byTags = new();

    /// <param name="meters">
    /// The host's factory: only meters it made are this controller's (tests run several controllers in one process).
    /// </param>
    /// <param name="gauges">Taken so its observable instruments exist when the listener starts.</param>
    public MetricsCollector(IMeterFactory meters, CallMetrics calls, AriRestMetrics ari, ControllerGauges gauges)
    {
        ArgumentNullException.ThrowIfNull(gauges);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RuntimeMeterName
                || (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Meter.Name is CallMetrics.MeterName or AriRestMetrics.MeterName))
            {
                _series.TryAdd(instrument, new ConcurrentDictionary<string, MetricSeries>(StringComparer.Ordinal));
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Measured(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Measured(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Measured(i, v, tags));
        _listener.Start();

        foreach (var (instrument, tags) in calls.KnownSeries().Concat(ari.KnownSeries()))
        {
            SeriesOf(instrument, tags);
        }
    }

    /// <summary>Reads the observable instruments, then writes every series in the Prometheus text format 0.0.4.</summary>
    public string Scrape()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder(32 * 1024);
        foreach (var (instrument, series) in _series.OrderBy(p => PrometheusNames.Of(p.Key), StringComparer.Ordinal))
        {
            if (series.IsEmpty)
            {
                continue;
            }

            var name = PrometheusNames.Of(instrument);
            var type = PrometheusNames.TypeOf(instrument);
            text.Append("# HELP ").Append(name).Append(' ').Append(PrometheusNames.Help(instrument.Description ?? instrument.Name)).Append('\n');
            text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
            foreach (var one in series.Values.OrderBy(s => s.Labels, StringComparer.Ordinal))
            {
                if (one.Bounds is { } bounds)
                {
                    var (cumulative, sum, count) = one.Histogram();
                    for (var b = 0; b < cumulative.Length; b++)
                    {
                        var le = b < bounds.Length ? Number(bounds[b]) : "+Inf";
                        var labels = one.Labels.Length == 0 ? $"le=\"{le}\"" : $"{one.Labels},le=\"{le}\"";
                        text.Append(name).Append("_bucket{").Append(labels).Append("} ").Append(cumulative[b]).Append('\n');
                    }

                    Line(text, name + "_sum", one.Labels, Number(sum));
                    Line(text, name + "_count", one.Labels, count.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    Line(text, name, one.Labels, Number(one.Value));
                }
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Measured<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        var series = SeriesOf(instrument, tags);
        switch (instrument)
        {
            case Histogram<T>:
                series.Observe(number);
                break;
            case Counter<T> or UpDownCounter<T>:
                series.Add(number);
                break;
            default:
                // Observable instruments report their current total or level; a Gauge<T> its latest value.
                series.Set(number);
                break;
        }
    }

    private MetricSeries SeriesOf(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length > 3)
        {
            return Labelled(instrument, tags);
        }

        var key = new SeriesKey(
            instrument,
            tags.Length > 0 ? tags[0].Key : null, tags.Length > 0 ? tags[0].Value : null,
            tags.Length > 1 ? tags[1].Key : null, tags.Length > 1 ? tags[1].Value : null,
            tags.Length > 2 ? tags[2].Key : null, tags.Length > 2 ? tags[2].Value : null);
        if (_byTags.TryGetValue(key, out var known))
        {
            return known;
        }

        var series = Labelled(instrument, tags);
        _byTags.TryAdd(key, series);
        return series;
    }

    private MetricSeries Labelled(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var all = _series.GetOrAdd(instrument, _ => new ConcurrentDictionary<string, MetricSeries>(StringComparer.Ordinal));
        var labels = PrometheusNames.Labels(tags);
        if (all.TryGetValue(labels, out var existing))
        {
            return existing;
        }

        return all.GetOrAdd(labels, l => new MetricSeries(l, IsHistogram(instrument) ? BoundsOf(instrument) : null));
    }

    private static bool IsHistogram(Instrument instrument) =>
        instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Histogram<>);

    private static double[] BoundsOf(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds],
        Histogram<long> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds.Select(b => (double)b)],
        _ => DefaultBounds,
    };

    private static void Line(StringBuilder text, string name, string labels, string value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(value).Append('\n');
    }

    private static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
