using System.Collections.Concurrent;
using System.Diagnostics;

namespace LeadDesk.Ari.Simulator;

/// <summary>
/// For benchmarks: the time from the simulator handing an inbound call's StasisStart to the websocket to it
/// receiving the controller's first REST request naming that channel (ring, answer, progress, continue, hangup).
/// Taken on the simulator's clock at both ends, so it includes the controller's decision and both loopback hops.
/// </summary>
public sealed class DecisionLatencyProbe
{
    private readonly ConcurrentDictionary<string, long> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<double> _microseconds = new();

    /// <summary>Calls whose StasisStart went out and that have had no request yet.</summary>
    public int Waiting => _sent.Count;

    /// <summary>Takes the latencies measured since the last call, in microseconds.</summary>
    public double[] Take()
    {
        var taken = new List<double>(_microseconds.Count);
        while (_microseconds.TryDequeue(out var v))
        {
            taken.Add(v);
        }

        return [.. taken];
    }

    internal void Sending(string channelId) => _sent[channelId] = Stopwatch.GetTimestamp();

    /// <summary><c>/ari/channels/{id}...</c>: the channel a request is about, if it is a call still waiting.</summary>
    internal void Received(string path)
    {
        const string Prefix = "/ari/channels/";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return;
        }

        var end = path.IndexOf('/', Prefix.Length);
        var id = Uri.UnescapeDataString(end < 0 ? path[Prefix.Length..] : path[Prefix.Length..end]);
        if (_sent.TryRemove(id, out var sentAt))
        {
            _microseconds.Enqueue(Stopwatch.GetElapsedTime(sentAt).TotalMicroseconds);
        }
    }
}
