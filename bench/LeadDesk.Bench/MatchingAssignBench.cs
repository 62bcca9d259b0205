using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
using LeadDesk.Store;
using LeadDesk.Store.CallLog;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;

namespace LeadDesk.Bench;

/// <summary>One timed route change and what calls saw while it ran.</summary>
internal sealed record ChangeUnderLoad(
    [property: JsonPropertyName("how")] string How,
    [property: JsonPropertyName("changed")] int Changed,
    [property: JsonPropertyName("commitSeconds")] double CommitSeconds,
    [property: JsonPropertyName("lookups")] Percentiles Lookups,
    [property: JsonPropertyName("callLogWrites")] Percentiles CallLogWrites,
    [property: JsonPropertyName("callLogWritesFailed")] int CallLogWritesFailed);

internal sealed record MatchingAssignResult(
    [property: JsonPropertyName("numbers")] int Numbers,
    [property: JsonPropertyName("lookupsIdle")] Percentiles LookupsIdle,
    [property: JsonPropertyName("changes")] IReadOnlyList<ChangeUnderLoad> Changes);

/// <summary>
/// Issue 17's "a change of 100,000 numbers commits within 2 s, and calls keep being routed and logged while it runs",
/// on SQLite: the web's "all matching the filter" assign of every number (<see cref="RouteTable.ApplyToMatchingAsync"/>,
/// in-process as the web admin runs it), timed to its commit, while route lookups (<see cref="RouteDirectory.FindAsync"/>,
/// the controller's per-call read) run at about 1,000/s and one call-log row is written every 10 ms the way the
/// controller's writer commits them. Then the same 100,000 numbers as an explicit list, as <c>routes assign --file</c>
/// gives them (<see cref="RouteTable.ApplyAsync"/>).
/// </summary>
internal static class MatchingAssignBench
{
    /// <param name="store">Another store to run on (a PostgreSQL one); default: a new SQLite file in <paramref name="directory"/>.</param>
    public static async Task<MatchingAssignResult> RunAsync(string directory, int numberCount, RoutingStore? store = null)
    {
        store ??= RoutingStore.Open(Path.Combine(directory, "assign-all.db"));
        var normalizer = new PhoneNumberNormalizer("FI");
        const int Agents = 100;
        await StoreBench.SeedAsync(store, normalizer, numberCount, Agents);
        var routes = new RouteTable(store, normalizer);

        // Nine in ten numbers routed, spread over the agents, the rest not assigned: every number changes below.
        var perAgent = numberCount * 9 / 10 / Agents;
        for (var a = 0; a < Agents; a++)
        {
            await routes.ApplyAsync(NumberEntry.From(Enumerable.Range(a * perAgent, perAgent).Select(StoreBench.Number)), RouteTarget.Agent($"agent{a}"), "bench");
        }

        var roster = new LeadDesk.Store.Agents.AgentRoster(store, normalizer);
        await roster.AddAsync("bulk-a", "bulk a", "20001", ["bulk-a@example.com"]);
        await roster.AddAsync("bulk-b", "bulk b", "20002", ["bulk-b@example.com"]);

        using var lookups = new RouteDirectory(store);
        var random = new Random(5);
        for (var i = 0; i < 2000; i++)
        {
            await lookups.FindAsync(StoreBench.Number(random.Next(numberCount)));
        }

        var idle = new List<double>();
        for (var i = 0; i < 5000; i++)
        {
            idle.Add(await TimeLookupAsync(lookups, StoreBench.Number(random.Next(numberCount))));
        }

        var log = new CallLogStore(store);
        var changes = new List<ChangeUnderLoad>();
        foreach (var target in new[] { "bulk-a", "bulk-b", "bulk-a" })
        {
            changes.Add(await UnderLoadAsync("all matching (set-based)", lookups, log, numberCount, target,
                () => routes.ApplyToMatchingAsync(RouteFilter.All, RouteTarget.Agent(target), "bench via web")));
        }

        var list = NumberEntry.From(Enumerable.Range(0, numberCount).Select(StoreBench.Number));
        changes.Add(await UnderLoadAsync("explicit list (routes assign --file)", lookups, log, numberCount, "bulk-b",
            () => routes.ApplyAsync(list, RouteTarget.Agent("bulk-b"), "bench")));
        return new MatchingAssignResult(numberCount, Percentiles.Of(idle), changes);
    }

    private static async Task<ChangeUnderLoad> UnderLoadAsync(
        string how, RouteDirectory lookups, CallLogStore log, int numberCount, string target, Func<Task<RouteChangeResult>> change)
    {
        using var stop = new CancellationTokenSource();
        var lookupSamples = new List<(long Start, long End)>();
        var logSamples = new List<(long Start, long End)>();
        var logFailed = 0;

        // Each load on a thread of its own: the controller is a process of its own beside the web admin, so its
        // lookups and call-log writes must not queue behind the change (or each other) for this process's thread
        // pool. Each list is written by its own thread only and read once both have ended.
        var routing = Dedicated(() =>
        {
            var random = new Random(9);
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                _ = lookups.FindAsync(StoreBench.Number(random.Next(numberCount))).GetAwaiter().GetResult()
                    ?? throw new InvalidOperationException("a seeded number was not found");
                lookupSamples.Add((started, Stopwatch.GetTimestamp()));
                Thread.Sleep(1);
            }
        });
        var logging = Dedicated(() =>
        {
            using var writer = log.OpenBatchWriterAsync().GetAwaiter().GetResult();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    writer.WriteAsync([new CallLogWrite.Start($"bench-{target}-{Guid.NewGuid():N}", DateTimeOffset.UtcNow, StoreBench.Number(i % numberCount), "+358451112233", null)])
                        .GetAwaiter().GetResult();
                    logSamples.Add((started, Stopwatch.GetTimestamp()));
                }
                catch (Microsoft.Data.Sqlite.SqliteException)
                {
                    // SQLITE_BUSY after the busy timeout: a row a call would have lost.
                    logFailed++;
                }

                Thread.Sleep(10);
            }
        });

        // Let both loads run a moment first, so the change starts under them.
        await Task.Delay(500);
        var from = Stopwatch.GetTimestamp();
        var result = await change();
        var to = Stopwatch.GetTimestamp();
        await Task.Delay(100);
        await stop.CancelAsync();
        await Task.WhenAll(routing, logging);

        var moved = await lookups.FindAsync(StoreBench.Number(numberCount - 1));
        if (moved?.Agent?.AgentId != target || result.Changed != numberCount)
        {
            throw new InvalidOperationException($"{how}: {result.Changed} changed, the last number routes to {moved?.Agent?.AgentId}, not {target}");
        }

        // Every lookup or write that was under way at any moment of the change, the one that waited for it included.
        static Percentiles During(List<(long Start, long End)> samples, long from, long to) =>
            Percentiles.Of(samples.Where(s => s.End >= from && s.Start <= to).Select(s => Stopwatch.GetElapsedTime(s.Start, s.End).TotalMicroseconds).ToList());

        var row = new ChangeUnderLoad(how, result.Changed, Stopwatch.GetElapsedTime(from, to).TotalSeconds,
            During(lookupSamples, from, to), During(logSamples, from, to), logFailed);
        Console.WriteLine($"  {how} of {numberCount:N0} numbers to {target}: commit {row.CommitSeconds:0.000} s");
        Console.WriteLine($"    route lookups during it: {row.Lookups}");
        Console.WriteLine($"    call-log writes during it: {row.CallLogWrites}; {logFailed} failed");
        return row;
    }

    private static Task Dedicated(Action loop) =>
        Task.Factory.StartNew(loop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static async Task<double> TimeLookupAsync(RouteDirectory directory, string number)
    {
        var started = Stopwatch.GetTimestamp();
        var route = await directory.FindAsync(number);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        return route is null ? throw new InvalidOperationException($"{number} not found") : elapsed;
    }
}
