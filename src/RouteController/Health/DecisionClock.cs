using System.Diagnostics;

namespace LeadDesk.RouteController.Health;

/// <summary>
/// How long the controller itself takes to decide a carrier call: from its StasisStart arriving on the websocket
/// to the route being known, just before the first request for it. Read (and reset) through
/// <c>/debug/counters</c>, so a benchmark can tell the controller's share of a caller's wait from the network's.
/// </summary>
internal sealed class DecisionClock
{
    // Enough for minutes of a busy controller between reads; beyond it samples are dropped, never memory.
    private const int MaxSamples = 200_000;

    private readonly Lock _gate = new();
    private List<double> _microseconds = [];

    public void Record(long receivedTimestamp)
    {
        if (receivedTimestamp == 0)
        {
            return;
        }

        var elapsed = Stopwatch.GetElapsedTime(receivedTimestamp).TotalMicroseconds;
        lock (_gate)
        {
            if (_microseconds.Count < MaxSamples)
            {
                _microseconds.Add(elapsed);
            }
        }
    }

    /// <summary>The samples since the last call, sorted.</summary>
    public double[] Take()
    {
        List<double> taken;
        lock (_gate)
        {
            taken = _microseconds;
            _microseconds = [];
        }

        var sorted = taken.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
