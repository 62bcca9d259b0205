using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadDesk.Ari.Simulator;
using LeadDesk.Bench;

// dotnet run -c Release --project bench/LeadDesk.Bench [-- --quick] [--out FILE]
// --web: the web admin's API only (see WebAdminBench).
// --call-log: the web admin's Call log at 1,000,000 rows, its export and the indexes' write cost (CallLogBench).
// --engines: the call path's store reads and claims on SQLite beside PostgreSQL (see EngineBench).
// --assign-all: only the 100,000-number "all matching" assign with lookups and call-log writes beside it (MatchingAssignBench).
// --metrics-cost SECONDS: the controller's CPU per call with Health:Metrics on and off.
// --real-asterisk: against a real Asterisk 22 and SIPp (see RealAsterisk/RealAsteriskBench).
// --quick: a smoke run in well under a minute (small counts; figures not comparable to the targets).
var quick = args.Contains("--quick");
var outIndex = Array.IndexOf(args, "--out");
var outPath = outIndex >= 0 && outIndex + 1 < args.Length
    ? Path.GetFullPath(args[outIndex + 1])
    : Path.Combine(RepoPaths.Root, "bench", "results", quick ? "quick.json" : "latest.json");
if (RepoPaths.IsRelease != "Release")
{
    Console.Error.WriteLine("warning: a Debug build; figures are only comparable from `dotnet run -c Release`.");
}

var work = Directory.CreateTempSubdirectory("leaddesk-bench-").FullName;

// --real-asterisk [--quick]: the controller against a real Asterisk and SIPp (bench/results/real-asterisk.json).
if (args.Contains("--real-asterisk"))
{
    var realOut = outIndex >= 0 ? outPath : Path.Combine(RepoPaths.Root, "bench", "results", quick ? "real-asterisk-quick.json" : "real-asterisk.json");
    var code = await LeadDesk.Bench.RealAsterisk.RealAsteriskBench.RunAsync(quick, work, realOut);
    if (Environment.GetEnvironmentVariable("LEADDESK_KEEP_BENCH_DIR") is null)
    {
        Directory.Delete(work, recursive: true);
    }
    else
    {
        Console.WriteLine($"kept {work}");
    }

    return code;
}

// --engines: DID lookups and agent claims on SQLite and PostgreSQL at 100,000 numbers (bench/results/engines.json).
if (args.Contains("--engines"))
{
    var engines = await EngineBench.RunAsync(work, numberCount: quick ? 10_000 : 100_000, lookups: quick ? 5_000 : 40_000);
    foreach (var e in engines)
    {
        Console.WriteLine($"  {e.Engine,-9} DID lookup {e.Lookup}");
        if (e.ClaimTake is not null)
        {
            Console.WriteLine($"  {e.Engine,-9} agent claim take {e.ClaimTake}; release {e.ClaimRelease}");
        }
    }

    var enginesOut = Path.Combine(RepoPaths.Root, "bench", "results", quick ? "engines-quick.json" : "engines.json");
    await File.WriteAllTextAsync(enginesOut, JsonSerializer.Serialize(engines, new JsonSerializerOptions { WriteIndented = true }));
    Directory.Delete(work, recursive: true);
    return 0;
}

// --call-log: only the web admin's Call log at 1,000,000 rows on SQLite: filtered first pages, a 100,000-row export, and
// what schema step 13's indexes cost the controller's call-log writer (bench/results/call-log.json).
if (args.Contains("--call-log"))
{
    var rows = quick ? 100_000 : 1_000_000;
    Console.WriteLine($"call log: seeding {rows:N0} rows...");
    using var calls = await CallLogBench.RunAsync(work, rows, requests: quick ? 30 : 200, exportRows: rows / 10);
    var callsOut = Path.Combine(RepoPaths.Root, "bench", "results", quick ? "call-log-quick.json" : "call-log.json");
    await File.WriteAllTextAsync(callsOut, JsonSerializer.Serialize(calls.RootElement, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + Environment.NewLine);
    Console.WriteLine($"written to {callsOut}");
    Directory.Delete(work, recursive: true);
    return 0;
}

// --web: only the web admin's Inbound routes API at 100,000 numbers (bench/results/web-admin.json).
if (args.Contains("--web"))
{
    Console.WriteLine("web admin: seeding 100,000 numbers...");
    using var web = await WebAdminBench.RunAsync(work, numberCount: quick ? 10_000 : 100_000, requests: quick ? 50 : 300);
    var webOut = Path.Combine(RepoPaths.Root, "bench", "results", quick ? "web-admin-quick.json" : "web-admin.json");
    await File.WriteAllTextAsync(webOut, JsonSerializer.Serialize(web.RootElement, new JsonSerializerOptions { WriteIndented = true }));
    Directory.Delete(work, recursive: true);
    return 0;
}
// --assign-all: only the web's "all matching" assign of every number, on SQLite (bench/results/assign-all.json);
// with --postgres on a database of the bench's own PostgreSQL cluster (bench/results/assign-all-postgres.json).
if (args.Contains("--assign-all"))
{
    var onPostgres = args.Contains("--postgres");
    Console.WriteLine($"assign all matching{(onPostgres ? " on PostgreSQL" : "")}: seeding {(quick ? 10_000 : 100_000):N0} numbers...");
    LeadDesk.Postgres.Cluster.PostgresCluster? cluster = onPostgres ? await LeadDesk.Postgres.Cluster.PostgresCluster.GetAsync() : null;
    var database = cluster is null ? null : await cluster.CreateDatabaseAsync();
    var store = database is null ? null : LeadDesk.Store.RoutingStore.Open(LeadDesk.Store.StoreLocation.Postgres(database));
    var assignAll = await MatchingAssignBench.RunAsync(work, quick ? 10_000 : 100_000, store);
    if (database is not null)
    {
        await cluster!.DropDatabaseAsync(database);
    }

    var assignOut = Path.Combine(RepoPaths.Root, "bench", "results", (quick ? "assign-all-quick" : "assign-all") + (onPostgres ? "-postgres" : "") + ".json");
    await File.WriteAllTextAsync(assignOut, JsonSerializer.Serialize(assignAll, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + Environment.NewLine);
    Console.WriteLine($"written to {assignOut}");
    Directory.Delete(work, recursive: true);
    return 0;
}

var results = new JsonObject
{
    ["machine"] = new JsonObject
    {
        ["processors"] = Environment.ProcessorCount,
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        ["configuration"] = RepoPaths.IsRelease,
        ["quick"] = quick,
        ["at"] = DateTimeOffset.UtcNow,
    },
};
var table = new List<(string Measure, string Figure, string Target)>();
void Row(string measure, string figure, string target)
{
    table.Add((measure, figure, target));
    Console.WriteLine($"  {measure,-52} {figure,-50} {target}");
}

try
{
    // ---- 5. Store: lookups at 100,000 numbers, bulk assign from the CLI process.
    Console.WriteLine("store: seeding...");
    var store = args.Contains("--profile") || args.Contains("--metrics-cost") ? null! : await StoreBench.RunAsync(work, numberCount: quick ? 10_000 : 100_000, assignCount: quick ? 1_000 : 10_000, idleLookups: quick ? 5_000 : 50_000, callLogRows: quick ? 100_000 : 1_000_000);
    if (store is not null)
    {
        results["store"] = JsonSerializer.SerializeToNode(store);
        Row($"DID lookup, {store.Numbers:N0} numbers, idle", store.LookupIdle.ToString(), "p99 < 100 µs");
        Row($"DID lookup during routes assign of {store.AssignNumbers:N0}", store.LookupDuringAssign.ToString(), "p99 < 100 µs");
        Row($"routes assign --file, {store.AssignNumbers:N0} numbers (wall)", $"{store.AssignWallSeconds:0.00} s", "< 2 s");
        Row($"callback query, {store.CallLogRows:N0} call-log rows", store.CallbackQuery.ToString(), "p99 < 100 µs");
        Row($"callback route lookup (route + query), {store.Numbers:N0} numbers", store.CallbackRouteLookup.ToString(), "p99 < 200 µs");

        // The web's "all matching the filter" assign of every number, lookups and call-log writes beside it.
        var assignAll = await MatchingAssignBench.RunAsync(work, quick ? 10_000 : 100_000);
        results["assignAll"] = JsonSerializer.SerializeToNode(assignAll);
        foreach (var change in assignAll.Changes)
        {
            Row($"{change.How} assign of {change.Changed:N0} numbers (commit)", $"{change.CommitSeconds:0.00} s", "< 2 s");
            Row("  DID lookups during it (~1,000/s)", change.Lookups.ToString(), "p99 < 100 µs");
            Row("  call-log writes during it (100/s)", $"{change.CallLogWrites}; {change.CallLogWritesFailed} failed", "none lost");
        }
    }

    // ---- The controller in its own process against the simulator in this one.
    var profiling = args.Contains("--profile") || args.Contains("--metrics-cost");
    var bridged = quick || profiling ? 200 : 5_000;
    var site = new BenchSite(bridged);
    var databasePath = Path.Combine(work, "controller.db");
    Console.WriteLine($"controller: seeding {BenchSite.ShortAgents + BenchSite.BusyAgents + bridged:N0} agents...");
    await site.SeedAsync(databasePath);
    var probe = new DecisionLatencyProbe();
    var traffic = new AriTraffic();
    await using var sim = await AsteriskSimulator.StartAsync(new SimulatorOptions
    {
        Username = "bench",
        Password = "bench-" + Guid.NewGuid().ToString("N"),
        KeepHistory = false,
        LatencyProbe = probe,
        Traffic = traffic,
        SoundDuration = TimeSpan.FromMilliseconds(100),
    });
    site.Script(sim);

    // --metrics-cost SECONDS: the controller's CPU per call at 100/s with Health:Metrics on and off, alternated
    // twice (a fresh controller each time, warmed up the same way) so drift on a shared machine shows.
    var costIndex = Array.IndexOf(args, "--metrics-cost");
    if (costIndex >= 0)
    {
        var seconds = double.Parse(args[costIndex + 1], System.Globalization.CultureInfo.InvariantCulture);
        var cost = new JsonArray();
        foreach (var metricsOn in new[] { true, false, true, false })
        {
            await using var measured = await ControllerProcess.StartAsync(sim.BaseUrl, sim.Options.Username, sim.Options.Password, databasePath, metricsOn);
            var measuredLoad = new CallLoad(sim, probe, site, measured);
            await measuredLoad.RunAsync(200, TimeSpan.FromSeconds(quick ? 1 : 5));
            await measured.WaitUntilAsync(c => c.NoCallState, TimeSpan.FromSeconds(30));
            var step = await measuredLoad.RunAsync(100, TimeSpan.FromSeconds(seconds));
            await measured.WaitUntilAsync(c => c.NoCallState, TimeSpan.FromSeconds(30));
            cost.Add(new JsonObject { ["metrics"] = metricsOn, ["calls"] = step.Offered, ["failed"] = step.Failed, ["controllerCpuMsPerCall"] = step.ControllerCpuMsPerCall });
            Row($"controller CPU per call at 100/s, metrics {(metricsOn ? "on" : "off")}", $"{step.ControllerCpuMsPerCall:0.00} ms ({step.Offered} calls, {step.Failed} failed)", "");
        }

        results["metricsCost"] = cost;
        Console.WriteLine(results["metricsCost"]!.ToJsonString());
        return 0;
    }

    await using var controller = await ControllerProcess.StartAsync(sim.BaseUrl, sim.Options.Username, sim.Options.Password, databasePath);
    var load = new CallLoad(sim, probe, site, controller);

    // Warm-up: JIT, connection pools, SQLite page cache.
    await load.RunAsync(200, TimeSpan.FromSeconds(quick ? 1 : 5));
    await controller.WaitUntilAsync(c => c.NoCallState, TimeSpan.FromSeconds(30));

    // --profile RATE SECONDS: only a steady load, for `dotnet-trace collect -p PID` from another shell.
    var profileIndex = Array.IndexOf(args, "--profile");
    if (profileIndex >= 0)
    {
        var rate = double.Parse(args[profileIndex + 1], System.Globalization.CultureInfo.InvariantCulture);
        var seconds = double.Parse(args[profileIndex + 2], System.Globalization.CultureInfo.InvariantCulture);
        Console.WriteLine($"profiling: controller pid {controller.Pid}, {rate}/s for {seconds} s");
        for (var i = 0; i < 3; i++)
        {
            var idleFrom = controller.CpuTime();
            await Task.Delay(TimeSpan.FromSeconds(3));
            Console.WriteLine($"idle: {(controller.CpuTime() - idleFrom).TotalMilliseconds / 3:0.0} ms of CPU per second");
        }
        var cpu = controller.CpuTime();
        var split = controller.CpuSplit();
        var before = await controller.CountersAsync();
        var profiled = await load.RunAsync(rate, TimeSpan.FromSeconds(seconds));
        var afterProfile = await controller.CountersAsync();
        var splitAfter = controller.CpuSplit();
        Console.WriteLine($"per call: user {(splitAfter.User - split.User).TotalMilliseconds / profiled.Offered:0.00} ms, kernel {(splitAfter.System - split.System).TotalMilliseconds / profiled.Offered:0.00} ms");
        Console.WriteLine(
            $"per call: {(afterProfile.AllocatedBytes - before.AllocatedBytes) / profiled.Offered / 1024.0:0.0} KB allocated; " +
            $"GCs gen0 {afterProfile.Gen0Collections - before.Gen0Collections}, gen1 {afterProfile.Gen1Collections - before.Gen1Collections}, gen2 {afterProfile.Gen2Collections - before.Gen2Collections}; " +
            $"lock contentions {afterProfile.LockContentions - before.LockContentions}; pool threads {afterProfile.Threads}");
        Console.WriteLine($"controller's own decision: {profiled.ControllerDecision}");
        Console.WriteLine($"{profiled.Latency}; {profiled.Failed} failed; achieved {profiled.AchievedRate:0}/s; controller CPU {(controller.CpuTime() - cpu).TotalMilliseconds / profiled.Offered:0.00} ms per call; load side {profiled.LoadCpuMsPerCall:0.00} ms per call");
        foreach (var (where, count) in (await controller.CountersAsync()).Exceptions.OrderByDescending(kv => kv.Value).Take(15))
        {
            Console.WriteLine($"  {count,8} {where}");
        }

        return 0;
    }

    // ---- 1. Decision latency at steady loads.
    var latency = new JsonObject();
    foreach (var rate in new[] { 50, 200, 1000 })
    {
        var step = await load.RunAsync(rate, TimeSpan.FromSeconds(quick ? 1 : 10));
        latency[rate.ToString(System.Globalization.CultureInfo.InvariantCulture)] = JsonSerializer.SerializeToNode(step);
        Row($"decision latency at {rate}/s (achieved {step.AchievedRate:0}/s, {step.Failed} failed)", step.Latency.ToString(),
            rate switch { 200 => "p99 < 2 ms", 1000 => "p99 < 10 ms", _ => "" });
        Row($"  of which inside the controller", step.ControllerDecision.ToString(), "");
        Row($"  outbound: agent's StasisStart to the trunk's create", step.OutboundLatency.ToString(), "");
        Row($"  CPU per call: controller / simulator+load", $"{step.ControllerCpuMsPerCall:0.00} ms / {step.LoadCpuMsPerCall:0.00} ms", "");
        await controller.WaitUntilAsync(c => c.NoCallState, TimeSpan.FromSeconds(60));
    }

    results["decisionLatency"] = latency;

    // ---- 1b. What each kind of call asks of Asterisk (issue 18): REST requests and events per call, one kind at a time.
    var perKind = new JsonObject();
    foreach (var kind in new[] { CallKind.AgentAnswers, CallKind.AgentBusy, CallKind.Queue, CallKind.NotAssigned, CallKind.Unknown, CallKind.Outbound })
    {
        var calls = quick ? 40 : 200;
        traffic.Take();
        var step = await load.RunAsync(50, TimeSpan.FromSeconds(calls / 50.0), () => site.Next(kind));
        await controller.WaitUntilAsync(c => c.NoCallState, TimeSpan.FromSeconds(60));
        var counts = traffic.Take();
        perKind[kind.ToString()] = new JsonObject
        {
            ["calls"] = step.Offered,
            ["failed"] = step.Failed,
            ["requestsPerCall"] = PerCall(counts.Requests, step.Offered),
            ["eventsDeliveredPerCall"] = PerCall(counts.EventsDelivered, step.Offered),
            ["eventsFilteredPerCall"] = PerCall(counts.EventsFiltered, step.Offered),
        };
        Row($"ARI per call, {kind} ({step.Offered} calls, {step.Failed} failed)",
            $"{counts.TotalRequests / (double)step.Offered:0.0} requests, {counts.TotalEventsDelivered / (double)step.Offered:0.0} events (+{counts.TotalEventsFiltered / (double)step.Offered:0.0} filtered)", "");
        Row("  requests", Top(counts.Requests, step.Offered), "");
    }

    results["ariPerCall"] = perKind;

    // ---- 2. Ceiling: the highest sustained rate with p99 <= 10 ms and no failed call.
    var ceiling = 0.0;
    string? limit = null;
    var steps = new JsonArray();
    foreach (var rate in quick ? new[] { 400 } : new[] { 100, 200, 300, 400, 500, 750, 1000 })
    {
        var step = await load.RunAsync(rate, TimeSpan.FromSeconds(quick ? 1 : 5));
        steps.Add(JsonSerializer.SerializeToNode(step));
        await controller.WaitUntilAsync(c => c.NoCallState, TimeSpan.FromSeconds(60));
        limit = step.Failed > 0 ? $"{step.Failed} calls failed at {rate}/s"
            : step.Latency.P99 > 10_000 ? $"p99 {Percentiles.Ms(step.Latency.P99)} at {rate}/s"
            : step.AchievedRate < rate * 0.95 ? $"the load generator reached only {step.AchievedRate:0}/s of {rate}/s"
            : null;
        if (limit is not null)
        {
            break;
        }

        ceiling = rate;
    }

    results["ceiling"] = new JsonObject { ["callsPerSecond"] = ceiling, ["limitedBy"] = limit ?? "highest step tried", ["steps"] = steps };
    Row("ceiling (p99 <= 10 ms, no failed call)", $"{ceiling:0}/s; next step: {limit ?? "none tried"}", ">= 1000/s");

    // ---- 3. CPU per call at 100 calls/s.
    var cpuBefore = controller.CpuTime();
    var cpuStep = await load.RunAsync(100, TimeSpan.FromSeconds(quick ? 2 : 20));
    await controller.WaitUntilAsync(c => c.NoCallState, TimeSpan.FromSeconds(60));
    var cpuPerCall = (controller.CpuTime() - cpuBefore).TotalMilliseconds / cpuStep.Offered;
    results["cpu"] = new JsonObject { ["callsPerSecond"] = 100, ["calls"] = cpuStep.Offered, ["msPerCall"] = cpuPerCall, ["coresAt100PerSecond"] = cpuPerCall * 100 / 1000 };
    Row("controller CPU per call at 100/s (user+system)", $"{cpuPerCall:0.00} ms ({cpuPerCall * 100 / 1000:0.000} of a core)", "< 2.5 ms");

    // ---- 4. Concurrency and memory.
    var baseline = await controller.CountersAsync(collect: true);
    var memory = new JsonObject { ["baseline"] = JsonSerializer.SerializeToNode(baseline.ForReport()) };
    Row("controller baseline (after warm-up, full GC)", $"RSS {Mb(baseline.WorkingSetBytes)}, heap {Mb(baseline.GcHeapBytes)}", "");
    foreach (var n in quick ? new[] { bridged } : new[] { 1_000, bridged })
    {
        var callers = await BridgeAsync(sim, controller, n);
        var held = await controller.CountersAsync(collect: true);
        var heapPerCall = (held.GcHeapBytes - baseline.GcHeapBytes) / (double)n;
        var rssPerCall = (held.WorkingSetBytes - baseline.WorkingSetBytes) / (double)n;
        memory[$"bridged{n}"] = new JsonObject
        {
            ["counters"] = JsonSerializer.SerializeToNode(held.ForReport()),
            ["heapBytesPerCall"] = heapPerCall,
            ["rssBytesPerCall"] = rssPerCall,
        };
        Row($"{n:N0} calls bridged at once", $"RSS {Mb(held.WorkingSetBytes)}, heap {Mb(held.GcHeapBytes)}; {heapPerCall / 1024:0.0} KB heap, {rssPerCall / 1024:0.0} KB RSS per call", "< 50 KB per call");
        await Task.WhenAll(callers.Select(c => c.HangUpAsync()));
        await controller.WaitUntilAsync(c => c.NoCallState, TimeSpan.FromSeconds(60));
        await sim.WaitForAsync(() => sim.LiveChannels.Count == 0 && sim.LiveBridges.Count == 0, TimeSpan.FromSeconds(60));
    }

    var after = quick ? 1_000 : 10_000;
    await load.RunAsync(500, TimeSpan.FromSeconds(after / 500.0));
    await controller.WaitUntilAsync(c => c.NoCallState, TimeSpan.FromSeconds(60));
    var end = await controller.CountersAsync(collect: true);
    memory["after"] = JsonSerializer.SerializeToNode(end.ForReport());
    memory["afterCalls"] = after;
    Row($"after hang-up and {after:N0} more calls (full GC)",
        $"RSS {Mb(end.WorkingSetBytes)} ({Signed(end.WorkingSetBytes - baseline.WorkingSetBytes)}), heap {Mb(end.GcHeapBytes)} ({Signed(end.GcHeapBytes - baseline.GcHeapBytes)}); per-call state {(end.NoCallState ? "0" : "LEFT")}",
        "back to baseline");
    // A second round of the same calls: what the first one left behind is pools and caches sized to the load;
    // anything still growing now is a leak.
    await load.RunAsync(500, TimeSpan.FromSeconds(after / 500.0));
    await controller.WaitUntilAsync(c => c.NoCallState, TimeSpan.FromSeconds(60));
    var again = await controller.CountersAsync(collect: true);
    memory["afterSecondRound"] = JsonSerializer.SerializeToNode(again.ForReport());
    Row($"after {after:N0} calls more (full GC)",
        $"heap {Signed(again.GcHeapBytes - end.GcHeapBytes)} ({(again.GcHeapBytes - end.GcHeapBytes) / (double)after:0} B per call), RSS {Signed(again.WorkingSetBytes - end.WorkingSetBytes)} over the previous reading",
        "no growth");
    if (!quick)
    {
        // Pooled ARI connections close after Ari:IdleConnectionTimeout (30 s); what is left then is what stays.
        await Task.Delay(TimeSpan.FromSeconds(35));
        var idle = await controller.CountersAsync(collect: true);
        memory["afterIdle35s"] = JsonSerializer.SerializeToNode(idle.ForReport());
        Row("  and after 35 s idle (full GC)",
            $"RSS {Mb(idle.WorkingSetBytes)} ({Signed(idle.WorkingSetBytes - baseline.WorkingSetBytes)}), heap {Mb(idle.GcHeapBytes)} ({Signed(idle.GcHeapBytes - baseline.GcHeapBytes)})",
            "back to baseline");
    }

    results["memory"] = memory;
}
finally
{
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (IOException)
    {
    }
}

Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
results["table"] = new JsonArray(table.Select(r => (JsonNode)new JsonObject { ["measure"] = r.Measure, ["figure"] = r.Figure, ["target"] = r.Target }).ToArray());
await File.WriteAllTextAsync(outPath, results.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + Environment.NewLine);
Console.WriteLine($"written to {outPath}");
return 0;

static JsonObject PerCall(IReadOnlyDictionary<string, long> counts, int calls) =>
    new(counts.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(Math.Round(kv.Value / (double)calls, 2)))));

static string Top(IReadOnlyDictionary<string, long> counts, int calls) =>
    string.Join(", ", counts.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value / (double)calls:0.##}"));

static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:0.0} MB";

static string Signed(long bytes) => (bytes >= 0 ? "+" : "-") + Mb(Math.Abs(bytes));

// n callers to n agents whose phones answer and stay: all bridged at once (placed at 500/s).
static async Task<List<SimulatedCall>> BridgeAsync(AsteriskSimulator sim, ControllerProcess controller, int n)
{
    var callers = new List<SimulatedCall>(n);
    var started = Stopwatch.GetTimestamp();
    for (var i = 0; i < n; i++)
    {
        while (Stopwatch.GetElapsedTime(started).TotalSeconds * 500 < i)
        {
            await Task.Delay(1);
        }

        var number = BenchSite.BridgedCall(i);
        callers.Add(await sim.PlaceInboundCallAsync(new InboundCall { Args = ["inbound", number], Exten = number, CallerNumber = "+358451112233" }));
    }

    await controller.WaitUntilAsync(c => c.ActiveCalls == n, TimeSpan.FromSeconds(60));
    await sim.WaitForAsync(() => sim.LiveBridges.Count == n, TimeSpan.FromSeconds(60));
    return callers;
}
