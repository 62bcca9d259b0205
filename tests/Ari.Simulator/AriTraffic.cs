using System.Collections.Concurrent;

namespace LeadDesk.Ari.Simulator;

/// <summary>
/// For benchmarks (issue 18: every request and event costs Asterisk CPU): how many REST requests the controller made,
/// by method and path with ids replaced (<c>POST /channels/{id}/answer</c>), and how many events the simulator
/// produced, by type, split into delivered and refused by the application's event filter. Counted even without
/// <see cref="SimulatorOptions.KeepHistory"/>.
/// </summary>
public sealed class AriTraffic
{
    private ConcurrentDictionary<string, long> _requests = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, long> _delivered = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, long> _filtered = new(StringComparer.Ordinal);

    /// <summary>Takes the counts since the last call and starts afresh.</summary>
    public AriTrafficCounts Take()
    {
        var requests = Interlocked.Exchange(ref _requests, new(StringComparer.Ordinal));
        var delivered = Interlocked.Exchange(ref _delivered, new(StringComparer.Ordinal));
        var filtered = Interlocked.Exchange(ref _filtered, new(StringComparer.Ordinal));
        return new AriTrafficCounts(Sorted(requests), Sorted(delivered), Sorted(filtered));
    }

    internal void Request(string method, string path) => _requests.AddOrUpdate($"{method} {Template(path)}", 1, (_, n) => n + 1);

    internal void Event(string type, bool delivered) => (delivered ? _delivered : _filtered).AddOrUpdate(type, 1, (_, n) => n + 1);

    /// <summary><c>/ari/channels/1712.5/answer</c> -> <c>/channels/{id}/answer</c>; resource names and verbs are kept.</summary>
    public static string Template(string path)
    {
        var segs = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var start = segs.Length > 0 && segs[0] == "ari" ? 1 : 0;
        var parts = new List<string>(segs.Length);
        for (var i = start; i < segs.Length; i++)
        {
            var resource = segs[start];
            var index = i - start;
            var isId = resource switch
            {
                "asterisk" or "events" => false,
                "channels" => index == 1 && segs[i] != "create",
                "endpoints" => index == 2,
                _ => index == 1,
            };
            parts.Add(isId ? "{id}" : segs[i]);
        }

        return "/" + string.Join('/', parts);
    }

    private static IReadOnlyDictionary<string, long> Sorted(ConcurrentDictionary<string, long> counts) =>
        new SortedDictionary<string, long>(counts, StringComparer.Ordinal);
}
