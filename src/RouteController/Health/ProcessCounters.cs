using System.Diagnostics;
using System.Text.Json.Serialization;
using LeadDesk.RouteController.Calls;

namespace LeadDesk.RouteController.Health;

/// <summary>
/// What a benchmark reads from outside the process (<c>GET /debug/counters</c>, only with
/// <c>Health:Diagnostics</c>): memory, CPU, and the per-call state that must return to zero when calls end.
/// </summary>
public sealed record ProcessCounters(
    [property: JsonPropertyName("workingSetBytes")] long WorkingSetBytes,
    [property: JsonPropertyName("gcHeapBytes")] long GcHeapBytes,
    [property: JsonPropertyName("gcCommittedBytes")] long GcCommittedBytes,
    [property: JsonPropertyName("gen2Collections")] int Gen2Collections,
    [property: JsonPropertyName("cpuMilliseconds")] double CpuMilliseconds,
    [property: JsonPropertyName("activeCalls")] int ActiveCalls,
    [property: JsonPropertyName("trackedChannels")] int TrackedChannels,
    [property: JsonPropertyName("agentsOnCall")] int AgentsOnCall,
    [property: JsonPropertyName("callTasks")] int CallTasks,
    [property: JsonPropertyName("exceptions")] IReadOnlyDictionary<string, long> Exceptions,
    [property: JsonPropertyName("allocatedBytes")] long AllocatedBytes,
    [property: JsonPropertyName("gen0Collections")] int Gen0Collections,
    [property: JsonPropertyName("gen1Collections")] int Gen1Collections,
    [property: JsonPropertyName("lockContentions")] long LockContentions,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("decision")] DecisionSummary Decision)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> Thrown = new(StringComparer.Ordinal);
    private static int _counting;

    /// <summary>
    /// Diagnostics only: counts first-chance exceptions by type and throwing method, because an exception per call
    /// on a hot path is the first thing a profile of a call controller shows.
    /// </summary>
    internal static void CountExceptions()
    {
        if (Interlocked.Exchange(ref _counting, 1) == 0)
        {
            AppDomain.CurrentDomain.FirstChanceException += static (_, e) =>
                Thrown.AddOrUpdate(Describe(e.Exception), 1, static (_, n) => n + 1);
        }
    }

    // Ids, GUIDs and numbers cut out, so the same failure on every call counts under one key.
    private static string Describe(Exception e) =>
        e.GetType().Name + ": " + System.Text.RegularExpressions.Regex.Replace(e.Message.Length > 120 ? e.Message[..120] : e.Message, "[0-9a-fA-F.-]*[0-9][0-9a-fA-F.-]*", "#");

    /// <summary>Reads the counters; <paramref name="collect"/> runs a full blocking GC first so the heap figure is what is live.</summary>
    internal static ProcessCounters Read(CallRegistry calls, Agents.AgentClaims claims, CallSupervisor supervisor, DecisionClock decisions, bool collect)
    {
        if (collect)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        using var process = Process.GetCurrentProcess();
        var info = GC.GetGCMemoryInfo();
        return new ProcessCounters(
            process.WorkingSet64,
            GC.GetTotalMemory(forceFullCollection: false),
            info.TotalCommittedBytes,
            GC.CollectionCount(2),
            process.TotalProcessorTime.TotalMilliseconds,
            calls.ActiveCalls,
            calls.TrackedChannels,
            claims.Held,
            supervisor.Running.Count,
            Thrown.ToDictionary(StringComparer.Ordinal),
            GC.GetTotalAllocatedBytes(precise: false),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            Monitor.LockContentionCount,
            ThreadPool.ThreadCount,
            DecisionSummary.Of(decisions.Take()));
    }
}

/// <summary>The controller's own decision times since the last read, in microseconds (see <see cref="DecisionClock"/>).</summary>
public sealed record DecisionSummary(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("p50Us")] double P50,
    [property: JsonPropertyName("p99Us")] double P99,
    [property: JsonPropertyName("p999Us")] double P999,
    [property: JsonPropertyName("maxUs")] double Max)
{
    internal static DecisionSummary Of(double[] sorted)
    {
        if (sorted.Length == 0)
        {
            return new DecisionSummary(0, 0, 0, 0, 0);
        }

        double Rank(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new DecisionSummary(sorted.Length, Rank(0.5), Rank(0.99), Rank(0.999), sorted[^1]);
    }
}
