using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store;
using LeadDesk.Store.CallLog;
using LeadDesk.Store.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Bench;

/// <summary>
/// The web admin's Call log at a real centre's volume (a million rows on SQLite): the p95 of a filtered first page
/// (<c>GET /api/calls?...&amp;limit=50</c>) over loopback HTTP with a signed-in session, as the page asks it; a
/// 100,000-row CSV export (time, and how far the process's peak resident memory grew while it streamed); and what
/// schema step 13's five Call log indexes cost the controller's call-log writer (calls written per second with them
/// and with them dropped).
/// </summary>
internal static class CallLogBench
{
    /// <summary>The main line: 14 % of all calls (about 100,000 of a million rows) are to this one number.</summary>
    public const string MainLine = "+358401000000";

    private const int Days = 90;

    private static readonly string[] Step13Indexes =
    [
        "CREATE INDEX ix_call_log_direction_started ON call_log (lower(direction), started_at)",
        "CREATE INDEX ix_call_log_outcome_started ON call_log (COALESCE(outcome, ''), started_at)",
        "CREATE INDEX ix_call_log_agent_started ON call_log (agent_id, started_at)",
        "CREATE INDEX ix_call_log_dialled_started ON call_log (dialled_number, started_at)",
        "CREATE INDEX ix_call_log_caller_started ON call_log (caller_number, started_at)",
    ];

    public static async Task<JsonDocument> RunAsync(string directory, int rows, int requests, int exportRows)
    {
        var databasePath = Path.Combine(directory, "calls.db");
        var store = RoutingStore.Open(databasePath);
        var end = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var start = end.AddDays(-Days);
        var seeding = Stopwatch.StartNew();
        await SeedAsync(store, rows, start);
        Console.WriteLine($"  seeded {rows:N0} call-log rows in {seeding.Elapsed.TotalSeconds:0.0} s");
        await new UserDirectory(store).AddAsync("bench", UserRole.Admin, null, "bench password 1");

        var step = TimeSpan.FromTicks((end - start).Ticks / rows);
        string At(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        var queries = new Dictionary<string, string>
        {
            ["no filter"] = "",
            ["time range: the last day"] = $"from={At(end.AddDays(-1))}&to={At(end)}",
            ["time range: one day 60 days ago"] = $"from={At(end.AddDays(-61))}&to={At(end.AddDays(-60))}",
            ["time range: one hour with no calls"] = $"from={At(end.AddDays(1))}&to={At(end.AddDays(1).AddHours(1))}",
            ["direction inbound (70 %)"] = "direction=inbound",
            ["direction outbound (30 %)"] = "direction=outbound",
            ["outcome answered (55 %)"] = "outcome=answered",
            ["outcome cancelled (2 %)"] = "outcome=cancelled",
            ["outcome refused (none)"] = "outcome=refused",
            ["agent agent42"] = "agent=agent42",
            ["agent nobody"] = "agent=nobody",
            ["number exact, one of 100,000"] = "number=%2B358401050000",
            ["number exact, the main line (100,000 calls)"] = "number=" + Uri.EscapeDataString(MainLine),
            ["number exact, a lead (caller or dialled)"] = "number=%2B358451012345",
            ["number exact, never called"] = "number=%2B46701234567",
            ["number prefix +35840 (70 % of rows)"] = "number=%2B35840&prefix=true",
            ["number prefix +358 (every row)"] = "number=%2B358&prefix=true",
            ["number prefix +358401099 (100 numbers)"] = "number=%2B358401099&prefix=true",
            ["number prefix +3584010500 (10 numbers)"] = "number=%2B3584010500&prefix=true",
            ["number prefix +46 (none)"] = "number=%2B46&prefix=true",
            ["outbound + answered + agent + last 7 days"] = $"direction=outbound&outcome=answered&agent=agent42&from={At(end.AddDays(-7))}",
            ["inbound + prefix +35840 + last day"] = $"direction=inbound&number=%2B35840&prefix=true&from={At(end.AddDays(-1))}",
            ["agent + number prefix +35845 (leads)"] = "agent=agent42&number=%2B35845&prefix=true",
        };

        var app = AdminWebApp.Build(["--urls=http://127.0.0.1:0", $"--Database:Path={databasePath}"], b => b.Logging.ClearProviders());
        await app.StartAsync();
        var pages = new Dictionary<string, object>();
        object export;
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
            var token = (await http.GetFromJsonAsync<JsonElement>("/api/antiforgery")).GetProperty("token").GetString();
            using var signIn = new HttpRequestMessage(HttpMethod.Post, "/api/session") { Content = JsonContent.Create(new { name = "bench", password = "bench password 1" }) };
            signIn.Headers.Add("X-CSRF-TOKEN", token);
            (await http.SendAsync(signIn)).EnsureSuccessStatusCode();

            foreach (var (name, filter) in queries)
            {
                var url = "/api/calls?" + filter + (filter.Length == 0 ? "" : "&") + "limit=50";
                var items = 0;
                for (var i = 0; i < 5; i++)
                {
                    var body = await http.GetFromJsonAsync<JsonElement>(url);
                    items = body.GetProperty("items").GetArrayLength();
                }

                var ms = new List<double>(requests);
                for (var i = 0; i < requests; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.GetAsync(url);
                    await response.Content.ReadAsByteArrayAsync();
                    response.EnsureSuccessStatusCode();
                    ms.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                ms.Sort();
                double Rank(double q) => ms[Math.Clamp((int)Math.Ceiling(q * ms.Count) - 1, 0, ms.Count - 1)];
                pages[name] = new { query = filter, rows = items, p50Ms = Math.Round(Rank(0.5), 2), p95Ms = Math.Round(Rank(0.95), 2), maxMs = Math.Round(ms[^1], 2), count = ms.Count };
                Console.WriteLine($"  {name,-46} p50 {Rank(0.5),7:0.00} ms  p95 {Rank(0.95),7:0.00} ms  ({items} rows)");
            }

            export = await ExportAsync(http, $"from={At(end - step * exportRows)}&to={At(end)}");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        var writes = await WriterCostAsync(store, start);
        return JsonSerializer.SerializeToDocument(new { rows, days = Days, firstPage = pages, export, writerCost = writes });
    }

    /// <summary>
    /// The export of the newest <c>exportRows</c> calls read to the end as the browser would, with the process's
    /// peak resident memory reset first (Linux <c>clear_refs</c> 5) so its growth is what the export needed.
    /// </summary>
    private static async Task<object> ExportAsync(HttpClient http, string filter)
    {
        for (var i = 0; i < 2; i++)
        {
            using var warm = await http.GetAsync("/api/calls/export?" + filter, HttpCompletionOption.ResponseHeadersRead);
            await (await warm.Content.ReadAsStreamAsync()).CopyToAsync(Stream.Null);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var peakReset = TryResetPeak();
        var rssBefore = Status("VmRSS:");
        long heapPeak = 0;
        var heapBefore = GC.GetTotalMemory(false);
        long lines = 0, bytes = 0;
        var started = Stopwatch.GetTimestamp();
        using (var response = await http.GetAsync("/api/calls/export?" + filter, HttpCompletionOption.ResponseHeadersRead))
        {
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
                heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
            }
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var peak = Status("VmHWM:");
        var rows = lines - 1;
        Console.WriteLine(
            $"  export of {rows:N0} rows ({bytes / 1024.0 / 1024.0:0.0} MB of CSV): {seconds:0.00} s; peak RSS growth " +
            $"{(peakReset ? $"{(peak - rssBefore) / 1024.0 / 1024.0:0.0} MB" : "unknown (no clear_refs)")}; managed heap peak growth {(heapPeak - heapBefore) / 1024.0 / 1024.0:0.0} MB");
        return new
        {
            query = filter,
            rows,
            csvBytes = bytes,
            seconds = Math.Round(seconds, 2),
            rowsPerSecond = Math.Round(rows / seconds),
            peakRssGrowthBytes = peakReset ? peak - rssBefore : (long?)null,
            managedHeapPeakGrowthBytes = heapPeak - heapBefore,
        };
    }

    /// <summary>
    /// The controller's call-log writer (the prepared statements of <c>OpenBatchWriterAsync</c>, a start and a
    /// completion per call, in batches of 20 calls as a busy controller's writer drains its queue) on the
    /// million-row table: with step 13's five indexes, with them dropped, and again, alternated so drift shows.
    /// </summary>
    private static async Task<object> WriterCostAsync(RoutingStore store, DateTimeOffset start)
    {
        var log = new CallLogStore(store);
        var runs = new List<object>();
        var serial = 0;
        async Task<double> CallsPerSecondAsync(int calls)
        {
            using var writer = await log.OpenBatchWriterAsync();
            const int Batch = 20;
            var started = Stopwatch.GetTimestamp();
            for (var done = 0; done < calls; done += Batch)
            {
                var starts = new List<CallLogWrite>(Batch);
                for (var i = 0; i < Batch; i++)
                {
                    var n = serial++;
                    starts.Add(new CallLogWrite.Start($"w{n}", start.AddSeconds(n), StoreBench.Number(n % 100_000), "+35845" + (1_000_000 + n % 200_000).ToString(CultureInfo.InvariantCulture), null));
                }

                var ids = await writer.WriteAsync(starts);
                var completes = ids.Select((id, i) => (CallLogWrite)new CallLogWrite.Complete(id, CallOutcome.Answered,
                    new CallCompletion(((CallLogWrite.Start)starts[i]).StartedAt.AddMinutes(2), "agent", $"agent{i}"))).ToList();
                await writer.WriteAsync(completes);
            }

            return calls / Stopwatch.GetElapsedTime(started).TotalSeconds;
        }

        await CallsPerSecondAsync(2_000);
        foreach (var withIndexes in new[] { true, false, true, false })
        {
            await using (var connection = await store.OpenConnectionAsync())
            {
                foreach (var create in Step13Indexes)
                {
                    var name = create.Split(' ')[2];
                    await connection.ExecuteAsync(withIndexes ? create.Replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", StringComparison.Ordinal) : $"DROP INDEX IF EXISTS {name}");
                }
            }

            var perSecond = await CallsPerSecondAsync(10_000);
            runs.Add(new { step13Indexes = withIndexes, calls = 10_000, callsPerSecond = Math.Round(perSecond), rowWritesPerSecond = Math.Round(perSecond * 2) });
            Console.WriteLine($"  controller's call-log writer, step 13 indexes {(withIndexes ? "on " : "off")}: {perSecond,8:0} calls/s ({perSecond * 2:0} row writes/s; batches of 20 calls)");
        }

        // Leave the schema as shipped.
        await using (var connection = await store.OpenConnectionAsync())
        {
            foreach (var create in Step13Indexes)
            {
                await connection.ExecuteAsync(create.Replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", StringComparison.Ordinal));
            }
        }

        return runs;
    }

    /// <summary>
    /// <paramref name="rows"/> calls over <see cref="Days"/> days in start order (as the controller writes them), in
    /// one INSERT ... SELECT through the schema's indexes. 70 % inbound: 14 % of all calls to <see cref="MainLine"/>,
    /// the rest spread over 100,000 numbers, from 200,000 leads; 30 % outbound from one of 200 agents to a lead, with
    /// one of 100 caller IDs. Outcomes: 55 % answered, then no-answer, busy, voicemail, queued, abandoned, unassigned,
    /// unreachable, failed, custom, cancelled (2 %); none refused.
    /// </summary>
    public static async Task SeedAsync(RoutingStore store, int rows, DateTimeOffset start)
    {
        await using var connection = await store.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            """
            WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < @rows - 1),
            r AS (
                SELECT n, (n * 7919 + 13) % 1000 AS kind, (n * 104729 + 7) % 100003 AS num, (n * 15485863 + 3) % 200003 AS lead,
                       (n * 48271 + 11) % 100 AS fate, (n * 31 + 5) % 200 AS agent,
                       @t0 + n * @stepSeconds AS at
                FROM s),
            c AS (
                SELECT n, at, kind < 300 AS outbound,
                       CASE WHEN kind < 300 THEN '+35845' || (1000000 + lead % 200000)
                            WHEN kind < 440 THEN '+358401000000'
                            ELSE '+35840' || (1000000 + num % 100000) END AS dialled,
                       CASE WHEN kind < 300 THEN '1' || (1000 + agent) ELSE '+35845' || (1000000 + lead % 200000) END AS caller,
                       CASE WHEN fate < 55 THEN 'answered' WHEN fate < 65 THEN 'no-answer' WHEN fate < 72 THEN 'busy'
                            WHEN fate < 80 THEN 'voicemail' WHEN fate < 85 THEN 'queued' WHEN fate < 88 THEN 'abandoned'
                            WHEN fate < 91 THEN 'unassigned' WHEN fate < 94 THEN 'unreachable' WHEN fate < 96 THEN 'failed'
                            WHEN fate < 98 THEN 'custom' ELSE 'cancelled' END AS outcome,
                       fate, agent, num
                FROM r)
            INSERT INTO call_log (channel_id, started_at, answered_at, ended_at, dialled_number, caller_number, caller_name,
                                  route_type, agent_id, destination, outcome, detail, total_ms, talk_ms, direction, lead_number, caller_id_used)
            SELECT 'bench-' || n,
                   strftime('%Y-%m-%dT%H:%M:%fZ', at, 'unixepoch'),
                   CASE WHEN outcome = 'answered' THEN strftime('%Y-%m-%dT%H:%M:%fZ', at + 8, 'unixepoch') END,
                   strftime('%Y-%m-%dT%H:%M:%fZ', at + 128, 'unixepoch'),
                   dialled, caller, NULL,
                   CASE WHEN outbound THEN 'outbound' WHEN outcome IN ('queued', 'abandoned') THEN 'queue'
                        WHEN outcome = 'unassigned' THEN 'unassigned' WHEN outcome = 'custom' THEN 'custom' ELSE 'agent' END,
                   CASE WHEN outcome IN ('queued', 'abandoned', 'unassigned', 'custom') THEN NULL ELSE 'agent' || agent END,
                   CASE WHEN outcome IN ('queued', 'abandoned') THEN 'sales' END,
                   outcome, NULL, 128000, CASE WHEN outcome = 'answered' THEN 120000 END,
                   CASE WHEN outbound THEN 'outbound' ELSE 'inbound' END,
                   CASE WHEN outbound THEN dialled END,
                   CASE WHEN outbound THEN '+35840' || (1000000 + num % 100) END
            FROM c
            """,
            new { rows, t0 = start.ToUnixTimeSeconds(), stepSeconds = Days * 86400.0 / rows },
            transaction);
        // No ANALYZE: the product never runs it on call_log, so the planner here sees what it sees at a site.
        await transaction.CommitAsync();
    }

    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A line of <c>/proc/self/status</c> in bytes (its figures are kB).</summary>
    private static long Status(string key)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
