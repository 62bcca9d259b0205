using System.Collections.Concurrent;
using System.Diagnostics;

namespace LeadDesk.Ari.Simulator;

/// <summary>
/// For benchmarks: the time from the simulator handing a call's StasisStart to the websocket to the controller's
/// first request that acts on the decision, on the simulator's clock at both ends (so it includes the controller's
/// decision and both loopback hops). An inbound call (<c>Stasis(app,inbound,...)</c>): the first request naming the
/// channel in its path (ring, answer, progress, continue, hangup). An agent calling out
/// (<c>Stasis(app,outbound,...)</c>): the trunk leg's <c>POST /channels/create</c> (or an originate), which names
/// the agent's channel only in its <c>appArgs</c>.
/// </summary>
public sealed class DecisionLatencyProbe
{
    private readonly ConcurrentDictionary<string, long> _inbound = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _outbound = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<double> _inboundMicroseconds = new();
    private readonly ConcurrentQueue<double> _outboundMicroseconds = new();

    /// <summary>Calls whose StasisStart went out and that have had no request yet.</summary>
    public int Waiting => _inbound.Count + _outbound.Count;

    /// <summary>Takes the inbound latencies measured since the last call, in microseconds.</summary>
    public double[] Take() => Drain(_inboundMicroseconds);

    /// <summary>Takes the outbound latencies (agent's StasisStart to the trunk leg's create) since the last call, in microseconds.</summary>
    public double[] TakeOutbound() => Drain(_outboundMicroseconds);

    internal void Sending(ProbeMark mark) => (mark.Outbound ? _outbound : _inbound)[mark.ChannelId] = Stopwatch.GetTimestamp();

    /// <summary>
    /// <c>/ari/channels/{id}...</c>: the channel a request is about, if it is an inbound call still waiting;
    /// <c>/ari/channels/create</c> or <c>/ari/channels</c> with <paramref name="appArgs"/> naming an outbound call still waiting.
    /// </summary>
    internal void Received(string path, string? appArgs)
    {
        const string Prefix = "/ari/channels";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return;
        }

        if (path.Length == Prefix.Length || path == "/ari/channels/create")
        {
            if (!_outbound.IsEmpty && appArgs is not null)
            {
                foreach (var arg in appArgs.Split(','))
                {
                    if (_outbound.TryRemove(arg, out var createdAt))
                    {
                        _outboundMicroseconds.Enqueue(Stopwatch.GetElapsedTime(createdAt).TotalMicroseconds);
                        return;
                    }
                }
            }

            return;
        }

        if (path[Prefix.Length] != '/')
        {
            return;
        }

        var end = path.IndexOf('/', Prefix.Length + 1);
        var id = Uri.UnescapeDataString(end < 0 ? path[(Prefix.Length + 1)..] : path[(Prefix.Length + 1)..end]);
        if (_inbound.TryRemove(id, out var sentAt))
        {
            _inboundMicroseconds.Enqueue(Stopwatch.GetElapsedTime(sentAt).TotalMicroseconds);
        }
    }

    private static double[] Drain(ConcurrentQueue<double> queue)
    {
        var taken = new List<double>(queue.Count);
        while (queue.TryDequeue(out var v))
        {
            taken.Add(v);
        }

        return [.. taken];
    }
}
