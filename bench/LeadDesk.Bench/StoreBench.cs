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
    [property: JsonPropertyName("assignWallSeconds")] double AssignWallSeconds,
    [property: JsonPropertyName("callLogRows")] int CallLogRows,
    [property: JsonPropertyName("callbackQuery")] Percentiles CallbackQuery,
    [property: JsonPropertyName("callbackRouteLookup")] Percentiles CallbackRouteLookup);

/// <summary>
/// The store at size: DID lookups (the controller's per-call query) against 100,000 numbers, idle and while
/// <c>leaddesk-admin routes assign --file</c> moves 10,000 of them in one transaction from another process; and the
/// callback lookup against a call log of 1,000,000 rows.
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

    public static async Task<StoreResult> RunAsync(string directory, int numberCount, int assignCount, int idleLookups, int callLogRows)
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

        var (query, whole) = await CallbackLookupsAsync(store, directoryLookup, numberCount, callLogRows, idleLookups, Number);
        return new StoreResult(numberCount, Percentiles.Of(idle), Percentiles.Of(during), assignCount, wall.Elapsed.TotalSeconds, callLogRows, query, whole);
    }

    /// <summary>
    /// The callback lookup at size: <paramref name="rows"/> call-log rows (half outbound, 60 % of those answered, to
    /// 50,000 leads from the first 100 numbers as caller IDs), then the controller's two reads per callback call: the
    /// route (with its window) and the newest answered outbound call from the lead to that number.
    /// </summary>
    private static async Task<(Percentiles Query, Percentiles Whole)> CallbackLookupsAsync(
        RoutingStore store, RouteDirectory directory, int numberCount, int rows, int lookups, Func<int, string> number)
    {
        static string Lead(int i) => "+35845" + (1_000_000 + i).ToString(CultureInfo.InvariantCulture);
        const int Leads = 50_000, CallerIds = 100;
        var routes = new RouteTable(store, new PhoneNumberNormalizer("FI"));
        for (var n = 0; n < CallerIds; n++)
        {
            await routes.SetCallbackWindowAsync(new NumberEntry(number(n)), TimeSpan.FromDays(7));
        }

        var log = new LeadDesk.Store.CallLog.CallLogStore(store);
        var random = new Random(11);
        var t0 = DateTimeOffset.UtcNow.AddDays(-10);
        const int Batch = 10_000;
        for (var done = 0; done < rows; done += Batch)
        {
            var starts = new List<LeadDesk.Store.CallLog.CallLogWrite>(Batch);
            var outcomes = new List<LeadDesk.Store.CallLog.CallOutcome>(Batch);
            var agents = new List<string>(Batch);
            var cids = new List<string?>(Batch);
            for (var i = 0; i < Math.Min(Batch, rows - done); i++)
            {
                var at = t0.AddSeconds((done + i) * (10.0 * 86400 / rows));
                var lead = Lead(random.Next(Leads));
                var outbound = random.Next(2) == 0;
                starts.Add(outbound
                    ? new LeadDesk.Store.CallLog.CallLogWrite.Start($"c{done + i}", at, lead, "10000", null, LeadDesk.Store.CallLog.CallDirection.Outbound, lead)
                    : new LeadDesk.Store.CallLog.CallLogWrite.Start($"c{done + i}", at, number(random.Next(numberCount)), lead, null));
                outcomes.Add(outbound && random.Next(10) < 6 ? LeadDesk.Store.CallLog.CallOutcome.Answered : LeadDesk.Store.CallLog.CallOutcome.NoAnswer);
                agents.Add($"agent{random.Next(100)}");
                cids.Add(outbound ? number(random.Next(CallerIds)) : null);
            }

            var ids = await log.WriteBatchAsync(starts);
            var completes = new List<LeadDesk.Store.CallLog.CallLogWrite>(ids.Count);
            for (var i = 0; i < ids.Count; i++)
            {
                var start = (LeadDesk.Store.CallLog.CallLogWrite.Start)starts[i];
                completes.Add(new LeadDesk.Store.CallLog.CallLogWrite.Complete(ids[i], outcomes[i],
                    new LeadDesk.Store.CallLog.CallCompletion(start.StartedAt.AddMinutes(2), cids[i] is null ? "agent" : "outbound", agents[i], CallerIdUsed: cids[i])));
            }

            await log.WriteBatchAsync(completes);
        }

        for (var i = 0; i < 2000; i++)
        {
            await directory.FindCallbackAsync(Lead(random.Next(Leads)), number(random.Next(CallerIds)));
        }

        var query = new List<double>(lookups);
        var whole = new List<double>(lookups);
        var found = 0;
        for (var i = 0; i < lookups; i++)
        {
            var lead = Lead(random.Next(Leads));
            var dialled = number(random.Next(CallerIds));
            var started = Stopwatch.GetTimestamp();
            var candidate = await directory.FindCallbackAsync(lead, dialled);
            query.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            found += candidate is null ? 0 : 1;

            // The whole route lookup of a callback call: the route with its window, then the candidate.
            started = Stopwatch.GetTimestamp();
            var route = await directory.FindAsync(dialled);
            if (route?.CallbackWindow is not null)
            {
                await directory.FindCallbackAsync(lead, dialled);
            }

            whole.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }

        if (found == 0)
        {
            throw new InvalidOperationException("no callback lookup found an answered call: the bench data is wrong");
        }

        return (Percentiles.Of(query), Percentiles.Of(whole));
    }

    private static async Task<double> TimeLookupAsync(RouteDirectory directory, string number)
    {
        var started = Stopwatch.GetTimestamp();
        var route = await directory.FindAsync(number);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        return route is null ? throw new InvalidOperationException($"{number} not found") : elapsed;
    }
}
