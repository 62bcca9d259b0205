using System.Diagnostics;
using LeadDesk.Postgres.Cluster;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;

namespace LeadDesk.Bench;

/// <summary>
/// The call path's store reads and writes on each engine at the same size: a DID lookup (the route of the dialled
/// number) and, on PostgreSQL, the agent claim every agent call takes and releases. SQLite keeps claims in memory
/// (one controller), so it has no claim round trip to measure.
/// </summary>
internal static class EngineBench
{
    internal sealed record EngineResult(string Engine, int Numbers, Percentiles Lookup, Percentiles? ClaimTake, Percentiles? ClaimRelease);

    public static async Task<IReadOnlyList<EngineResult>> RunAsync(string directory, int numberCount, int lookups)
    {
        var results = new List<EngineResult>
        {
            await MeasureAsync("sqlite", RoutingStore.Open(Path.Combine(directory, "engines.db")), numberCount, lookups),
        };

        PostgresCluster cluster;
        try
        {
            cluster = await PostgresCluster.GetAsync();
        }
        catch (PostgresUnavailableException e)
        {
            Console.Error.WriteLine("engines: PostgreSQL skipped: " + e.Message);
            return results;
        }

        var database = await cluster.CreateDatabaseAsync();
        try
        {
            results.Add(await MeasureAsync("postgres", RoutingStore.Open(StoreLocation.Postgres(database)), numberCount, lookups));
        }
        finally
        {
            await cluster.DropDatabaseAsync(database);
        }

        return results;
    }

    private static async Task<EngineResult> MeasureAsync(string engine, RoutingStore store, int numberCount, int lookups)
    {
        var normalizer = new PhoneNumberNormalizer("FI");
        const int Agents = 100;
        Console.WriteLine($"engines: {engine}: seeding {numberCount:N0} numbers...");
        await StoreBench.SeedAsync(store, normalizer, numberCount, Agents);
        var routes = new RouteTable(store, normalizer);
        var perAgent = numberCount * 9 / 10 / Agents;
        for (var a = 0; a < Agents; a++)
        {
            await routes.ApplyAsync(NumberEntry.From(Enumerable.Range(a * perAgent, perAgent).Select(StoreBench.Number)), RouteTarget.Agent($"agent{a}"), "bench");
        }

        using var directory = new RouteDirectory(store);
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            await directory.FindAsync(StoreBench.Number(random.Next(numberCount)));
        }

        var lookup = new List<double>(lookups);
        for (var i = 0; i < lookups; i++)
        {
            var started = Stopwatch.GetTimestamp();
            _ = await directory.FindAsync(StoreBench.Number(random.Next(numberCount))) ?? throw new InvalidOperationException("number not found");
            lookup.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }

        if (store.Provider != StoreProvider.Postgres)
        {
            return new EngineResult(engine, numberCount, Percentiles.Of(lookup), null, null);
        }

        var claims = new SharedAgentClaims(store);
        var lease = TimeSpan.FromSeconds(30);
        var take = new List<double>(lookups / 4);
        var release = new List<double>(lookups / 4);
        for (var i = 0; i < lookups / 4; i++)
        {
            var agent = "agent" + (i % Agents);
            var call = "call-" + i;
            var started = Stopwatch.GetTimestamp();
            if (!await claims.TryTakeAsync(agent, "bench", call, lease))
            {
                throw new InvalidOperationException($"{agent} was not free");
            }

            take.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            started = Stopwatch.GetTimestamp();
            await claims.ReleaseAsync(agent, "bench", call);
            release.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }

        return new EngineResult(engine, numberCount, Percentiles.Of(lookup), Percentiles.Of(take), Percentiles.Of(release));
    }
}
