namespace LeadDesk.RouteController.Metrics;

/// <summary>
/// One labelled series' value: a running sum (counters), the latest value (gauges), or bucket counts with sum and
/// count (histograms). Updated from any thread; read by the scrape.
/// </summary>
internal sealed class MetricSeries(string labels, double[]? bounds)
{
    private readonly Lock _gate = new();
    private readonly long[]? _buckets = bounds is null ? null : new long[bounds.Length + 1];
    private double _value;
    private double _sum;
    private long _count;

    /// <summary>The labels as Prometheus writes them (<c>a="x",b="y"</c>, sorted by name), empty for none.</summary>
    public string Labels { get; } = labels;

    public double[]? Bounds { get; } = bounds;

    public void Add(double delta)
    {
        lock (_gate)
        {
            _value += delta;
        }
    }

    public void Set(double value)
    {
        lock (_gate)
        {
            _value = value;
        }
    }

    public void Observe(double value)
    {
        var index = Array.BinarySearch(Bounds!, value);
        // Prometheus buckets are "less than or equal": a value on a bound belongs to that bound's bucket.
        var bucket = index >= 0 ? index : ~index;
        lock (_gate)
        {
            _buckets![bucket]++;
            _sum += value;
            _count++;
        }
    }

    public double Value
    {
        get
        {
            lock (_gate)
            {
                return _value;
            }
        }
    }

    /// <summary>Cumulative bucket counts (the last is +Inf), sum and count, read together.</summary>
    public (long[] Cumulative, double Sum, long Count) Histogram()
    {
        lock (_gate)
        {
            var cumulative = new long[_buckets!.Length];
            long running = 0;
            for (var i = 0; i < _buckets.Length; i++)
            {
                running += _buckets[i];
                cumulative[i] = running;
            }

            return (cumulative, _sum, _count);
        }
    }
}
