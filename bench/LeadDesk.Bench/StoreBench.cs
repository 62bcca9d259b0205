using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;

namespace LeadDesk.Bench;

internal sealed record StoreResult(
    [property: JsonPropertyName("numbers")] int Numbers,
    [property: JsonPropertyName("lookupIdle")] Percentiles LookupIdle,
    [property: JsonPropertyName("lookupDuringAssign")] Percentiles LookupDuringAssign,
    [property: JsonPropertyName("assignNumbers")] int AssignNumbers,
    [property: JsonPropertyName("assignWallSeconds")] double AssignWallSeconds);

/// <summary>
/// The store at size: DID lookups (the controller's per-call query) against 100,000 numbers, idle and while
/// <c>leaddesk-admin routes assign --file</c> moves 10,000 of them in one transaction from another process.
/// </summary>
internal static class StoreBench
{
    public static string Number(int i) => "+35840" + (1_000_000 + i).ToString(CultureInfo.InvariantCulture);

    /// <summary>Owned numbers <see cref="Number"/>(0..count-1), not assigned, and agents <c>agent0..</c>.</summary>
    public static async Task SeedAsync(RoutingStore store, PhoneNumberNormalizer normalizer, int numberCount, int agentCount)
    {
        await new NumberInventory(store, normalizer).AddAsync(
            Enumerable.Range(0, numberCount).Select(i => new NumberImportRow(new NumberEntry(Number(i)), null, Owned: true)).ToList());
        var agents = new AgentRoster(store, normalizer);
        for (var a = 0; a < agentCount; a++)
        {
            await agents.AddAsync($"agent{a}", $"agent {a}", (10_000 + a).ToString(CultureInfo.InvariantCulture), [$"agent{a}@example.com"]);
        }
    }

    public static async Task<StoreResult> RunAsync(string directory, int numberCount, int assignCount, int idleLookups)
    {
        var databasePath = Path.Combine(directory, "store.db");
        var store = RoutingStore.Open(databasePath);
        var normalizer = new PhoneNumberNormalizer("FI");
        const int Agents = 100;
        await SeedAsync(store, normalizer, numberCount, Agents);
        var routes = new RouteTable(store, normalizer);

        // Nine in ten numbers routed, spread over the agents; the rest owned but not assigned.
        var perAgent = numberCount * 9 / 10 / Agents;
        for (var a = 0; a < Agents; a++)
        {
            await routes.ApplyAsync(NumberEntry.From(Enumerable.Range(a * perAgent, perAgent).Select(Number)), RouteTarget.Agent($"agent{a}"), "bench");
        }

        var directoryLookup = new RouteDirectory(store);
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            await directoryLookup.FindAsync(Number(random.Next(numberCount)));
        }

        var idle = new List<double>(idleLookups);
        for (var i = 0; i < idleLookups; i++)
        {
            idle.Add(await TimeLookupAsync(directoryLookup, Number(random.Next(numberCount))));
        }

        // 10,000 numbers of agent0..agent(n) move to agent99 in one CLI run, while lookups go on.
        var file = Path.Combine(directory, "assign.txt");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, assignCount).Select(Number));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { RepoPaths.AdminDll, "--db", databasePath, "routes", "assign", "--file", file, "--agent", $"agent{Agents - 1}" })
        {
            start.ArgumentList.Add(arg);
        }

        var during = new List<double>();
        var wall = Stopwatch.StartNew();
        using var cli = Process.Start(start)!;
        var output = cli.StandardOutput.ReadToEndAsync();
        var errors = cli.StandardError.ReadToEndAsync();
        while (!cli.HasExited)
        {
            during.Add(await TimeLookupAsync(directoryLookup, Number(random.Next(numberCount))));
        }

        await cli.WaitForExitAsync();
        wall.Stop();
        if (cli.ExitCode != 0)
        {
            throw new InvalidOperationException($"routes assign exited {cli.ExitCode}: {await errors}{await output}");
        }

        var moved = await directoryLookup.FindAsync(Number(0));
        if (moved?.Agent?.AgentId != $"agent{Agents - 1}")
        {
            throw new InvalidOperationException("routes assign did not move the numbers");
        }

        return new StoreResult(numberCount, Percentiles.Of(idle), Percentiles.Of(during), assignCount, wall.Elapsed.TotalSeconds);
    }

    private static async Task<double> TimeLookupAsync(RouteDirectory directory, string number)
    {
        var started = Stopwatch.GetTimestamp();
        var route = await directory.FindAsync(number);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        return route is null ? throw new InvalidOperationException($"{number} not found") : elapsed;
    }
}
