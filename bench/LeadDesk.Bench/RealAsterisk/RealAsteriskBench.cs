using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;

namespace LeadDesk.Bench.RealAsterisk;

/// <summary>
/// <c>--real-asterisk [--quick]</c>: the controller against a real Asterisk running the project's own
/// <c>asterisk-config/</c> (see <see cref="LabAsterisk"/>), SIPp as the carrier and as every agent's phone.
/// (1) Post-dial delay, carrier INVITE sent to agent phone INVITE received, through the controller, plain dialplan and
/// a naive ARI application, alternated call by call; (2) capacity steps of 20 cps for the controller and plain dialplan:
/// answered %, INVITE->200, CPU per call of Asterisk and of the controller, and the <c>leaddesk</c> application's
/// Stasis message queue (messages per call, deepest).
/// </summary>
internal static class RealAsteriskBench
{
    private const string Controller = "controller";
    private const string Plain = "plain dialplan";
    private const string Naive = "naive ARI app";

    private static readonly JsonSerializerOptions JsonOptions = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<int> RunAsync(bool quick, string work, string outPath)
    {
        var asteriskBin = LabAsterisk.FindBinary();
        var sippBin = Sipp.FindBinary();
        if (asteriskBin is null || sippBin is null)
        {
            Console.WriteLine("real-asterisk: cannot run here: " + (asteriskBin is null
                ? "no Asterisk binary (set ASTERISK_BIN, or install one under /opt/asterisk-*/sbin or on PATH)"
                : "no sipp (set SIPP_BIN or put sipp on PATH)"));
            return 2;
        }

        var agents = quick ? 100 : 600;
        var talk = quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(2);
        var stepSeconds = quick ? 5 : 20;
        var maxRate = quick ? 40 : 260;
        var pddCalls = quick ? 8 : 30;
        Console.WriteLine($"real-asterisk: {asteriskBin}, {sippBin}; {agents} agents; load average {LoadAverage()}");

        var database = Path.Combine(work, "controller.db");
        await SeedAsync(database, agents);

        await using var lab = await LabAsterisk.StartAsync(asteriskBin, agents);
        await using var controller = await ControllerProcess.StartAsync(lab.HttpBaseUrl, "leaddesk", lab.AriPassword, database, metrics: true,
            healthPort: lab.ControllerHttpPort, environment: new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Routing__RingTimeoutSeconds"] = "10",
            });
        controller.LogFile = Path.Combine(work, "controller.log");
        await using var naive = await NaiveController.StartAsync(lab);
        var results = new JsonObject
        {
            ["machine"] = new JsonObject
            {
                ["processors"] = Environment.ProcessorCount,
                ["loadAverageAtStart"] = LoadAverage(),
                ["asterisk"] = (await lab.CliAsync("core show version")).Trim(),
                ["sipp"] = sippBin,
                ["quick"] = quick,
                ["at"] = DateTimeOffset.UtcNow,
            },
            ["agents"] = agents,
        };

        // ---- 1. Post-dial delay, one call at a time, the three paths alternated to the same phone.
        var pdd = await PostDialDelayAsync(sippBin, lab, work, pddCalls, agents);
        results["postDialDelay"] = JsonSerializer.SerializeToNode(pdd, JsonOptions);
        var plainMedian = pdd.First(p => p.Path == Plain).Median;
        Console.WriteLine();
        Console.WriteLine("post-dial delay (carrier INVITE sent -> agent phone INVITE received), ms:");
        Console.WriteLine($"  {"path",-16} {"n",4} {"median",8} {"p90",8} {"max",8} {"over plain median",18}");
        foreach (var p in pdd)
        {
            Console.WriteLine($"  {p.Path,-16} {p.Calls,4} {p.Median,8:0.00} {p.P90,8:0.00} {p.Max,8:0.00} {p.Median - plainMedian,18:+0.00;-0.00}");
        }

        // ---- 2. Capacity: steps of 20 cps, controller and plain dialplan alternated at each rate.
        var steps = new List<CapacityStep>();
        var alive = new List<string> { Controller, Plain };
        await using (var phones = Sipp.StartPhones(sippBin, lab, Path.Combine(work, "phones-capacity"), trace: false))
        {
            for (var rate = 20; rate <= maxRate && alive.Count > 0; rate += 20)
            {
                foreach (var path in alive.ToArray())
                {
                    var step = await StepAsync(sippBin, lab, controller, work, path, rate, stepSeconds, talk, agents);
                    steps.Add(step);
                    Console.WriteLine(step.Line());
                    if (!step.Passed)
                    {
                        alive.Remove(path);
                    }
                }
            }
        }

        results["capacity"] = JsonSerializer.SerializeToNode(steps, JsonOptions);
        results["controllerLog"] = new JsonObject { ["lines"] = controller.LogLines, ["stackTraceLines"] = controller.StackTraceLines };
        results["loadAverageAtEnd"] = LoadAverage();

        Console.WriteLine();
        foreach (var path in new[] { Controller, Plain })
        {
            var highest = steps.Where(s => s.Path == path && s.Passed).Select(s => s.Rate).DefaultIfEmpty(0).Max();
            results["highestPassing" + (path == Controller ? "Controller" : "Plain")] = highest;
            Console.WriteLine($"  {path}: highest passing rate {highest} cps (< 1 % failed, INVITE->200 p95 < 200 ms)");
        }

        Console.WriteLine($"  controller log: {controller.LogLines} lines, {controller.StackTraceLines} stack-trace frames ({controller.LogFile}); load average {LoadAverage()}");
        Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
        await File.WriteAllTextAsync(outPath, results.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine);
        Console.WriteLine($"written to {outPath}");
        return 0;
    }

    private static async Task<IReadOnlyList<DelayFigures>> PostDialDelayAsync(string sippBin, LabAsterisk lab, string work, int callsPerPath, int agents)
    {
        var numbers = new List<string>();
        for (var i = 0; i < callsPerPath; i++)
        {
            var agent = i % agents;
            numbers.Add(ControllerNumber(agent));
            numbers.Add(PlainNumber(agent));
            numbers.Add(NaiveNumber(agent));
        }

        string phonesTrace;
        string carrierTrace;
        await using (var phones = Sipp.StartPhones(sippBin, lab, Path.Combine(work, "phones-pdd"), trace: true))
        {
            // Asterisk rings the phones at their static contacts: nothing to wait for but SIPp's bind. First a
            // warm-up (untimed) through every path, so that a fresh controller's first calls (JIT, tier-0 code,
            // connections) are not what is measured: in production it has been running for days.
            await Task.Delay(500);
            var warmUp = Enumerable.Range(0, 40).SelectMany(i => new[] { ControllerNumber(i % agents), PlainNumber(i % agents), NaiveNumber(i % agents) }).ToList();
            await using (await Sipp.RunCarrierAsync(sippBin, lab, Path.Combine(work, "carrier-warm-up"), warmUp, rate: 10, TimeSpan.FromMilliseconds(300), trace: false))
            {
            }

            await Task.Delay(1000);
            var carrier = await Sipp.RunCarrierAsync(sippBin, lab, Path.Combine(work, "carrier-pdd"), numbers, rate: 1, TimeSpan.FromMilliseconds(300), trace: true);
            carrierTrace = carrier.MessageFile;
            await using (carrier)
            {
            }

            await Task.Delay(1000);
            phonesTrace = phones.MessageFile;
        }

        var sent = Sipp.FirstInvites(carrierTrace);
        var received = Sipp.FirstInvites(phonesTrace);
        var delays = new Dictionary<string, List<double>>(StringComparer.Ordinal) { [Controller] = [], [Plain] = [], [Naive] = [] };
        var missed = new Dictionary<string, int>(StringComparer.Ordinal) { [Controller] = 0, [Plain] = 0, [Naive] = 0 };
        for (var i = 0; i < sent.Count; i++)
        {
            var (at, user) = sent[i];
            var next = i + 1 < sent.Count ? sent[i + 1].At : DateTime.MaxValue;
            var path = user.StartsWith('+') ? Controller : user.StartsWith('7') ? Plain : Naive;
            var reached = received.FirstOrDefault(r => r.At >= at && r.At < next);
            if (reached == default)
            {
                missed[path]++;
                continue;
            }

            delays[path].Add((reached.At - at).TotalMilliseconds);
        }

        return [.. new[] { Plain, Controller, Naive }.Select(p => DelayFigures.Of(p, delays[p], missed[p]))];
    }

    private static async Task<CapacityStep> StepAsync(string sippBin, LabAsterisk lab, ControllerProcess controller, string work, string path, int rate, int seconds, TimeSpan talk, int agents)
    {
        var count = rate * seconds;
        var numbers = Enumerable.Range(0, count).Select(i => path == Controller ? ControllerNumber(i % agents) : PlainNumber(i % agents)).ToList();
        var queue = await lab.ApplicationQueueAsync("leaddesk");
        if (queue is { } q)
        {
            await lab.ResetQueueAsync(q.Name);
        }

        var asteriskBefore = lab.Cpu();
        var controllerBefore = ProcCpu.Of(controller.Pid);
        var stackBefore = controller.StackTraceLines;
        var started = DateTime.UtcNow;
        var carrier = await Sipp.RunCarrierAsync(sippBin, lab, Path.Combine(work, $"carrier-{(path == Controller ? "controller" : "plain")}-{rate}"), numbers, rate, talk, trace: false);
        await using (carrier)
        {
        }

        var wall = DateTime.UtcNow - started;
        // The queue drains what the calls' ends left in it before it is read.
        for (var i = 0; i < 50 && await lab.ApplicationQueueAsync("leaddesk") is { InQueue: > 0 }; i++)
        {
            await Task.Delay(100);
        }

        var asteriskCpu = lab.Cpu() - asteriskBefore;
        var controllerCpu = ProcCpu.Of(controller.Pid) - controllerBefore;
        var after = await lab.ApplicationQueueAsync("leaddesk");
        var answers = carrier.AnswerTimes().Order().ToArray();
        var answered = answers.Length;
        var step = new CapacityStep(
            path,
            rate,
            count,
            answered,
            Math.Round(100.0 * answered / count, 2),
            Math.Round(Percentile(answers, 0.50), 1),
            Math.Round(Percentile(answers, 0.95), 1),
            Math.Round(wall.TotalSeconds, 1),
            Math.Round(asteriskCpu.TotalMilliseconds / Math.Max(1, answered), 2),
            Math.Round(100 * asteriskCpu.TotalSeconds / wall.TotalSeconds, 1),
            Math.Round(controllerCpu.TotalMilliseconds / Math.Max(1, answered), 2),
            Math.Round(100 * controllerCpu.TotalSeconds / wall.TotalSeconds, 1),
            after is { } a ? Math.Round((double)a.Processed / count, 1) : null,
            after?.MaxDepth,
            controller.StackTraceLines - stackBefore,
            LoadAverage());
        // Let the box settle (phones' dialogs, Asterisk's channel tear-down) before the next step.
        await Task.Delay(2000);
        return step;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string ControllerNumber(int agent) => "+35840700" + agent.ToString("0000", CultureInfo.InvariantCulture);

    private static string PlainNumber(int agent) => "7" + agent.ToString("000", CultureInfo.InvariantCulture);

    private static string NaiveNumber(int agent) => "8" + agent.ToString("000", CultureInfo.InvariantCulture);

    private static async Task SeedAsync(string databasePath, int agents)
    {
        var store = RoutingStore.Open(databasePath);
        var normalizer = new PhoneNumberNormalizer("FI");
        var roster = new AgentRoster(store, normalizer);
        var inventory = new NumberInventory(store, normalizer);
        var routes = new RouteTable(store, normalizer);
        await inventory.AddAsync([.. Enumerable.Range(0, agents).Select(i => new NumberImportRow(new NumberEntry(ControllerNumber(i)), null, Owned: true))]);
        for (var i = 0; i < agents; i++)
        {
            var id = "agent" + (LabAsterisk.FirstExtension + i).ToString(CultureInfo.InvariantCulture);
            await roster.AddAsync(id, id, (LabAsterisk.FirstExtension + i).ToString(CultureInfo.InvariantCulture), [id + "@example.com"]);
            await routes.ApplyAsync([new NumberEntry(ControllerNumber(i))], RouteTarget.Agent(id), "bench");
            await roster.SetLoggedInAsync(id, true);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}

/// <summary>Post-dial delay of one path, in ms; <paramref name="Missed"/> calls never reached the phone.</summary>
internal sealed record DelayFigures(string Path, int Calls, int Missed, double Median, double P90, double Max)
{
    public static DelayFigures Of(string path, List<double> delays, int missed)
    {
        var sorted = delays.Order().ToArray();
        double At(double p) => sorted.Length == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 2);
        var median = sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        return new DelayFigures(path, sorted.Length, missed, Math.Round(median, 2), At(0.90), sorted.Length == 0 ? double.NaN : Math.Round(sorted[^1], 2));
    }
}

/// <summary>One capacity step of one path.</summary>
internal sealed record CapacityStep(
    string Path,
    int Rate,
    int Calls,
    int Answered,
    double AnsweredPercent,
    double InviteTo200P50Ms,
    double InviteTo200P95Ms,
    double WallSeconds,
    double AsteriskCpuMsPerCall,
    double AsteriskCpuPercent,
    double ControllerCpuMsPerCall,
    double ControllerCpuPercent,
    double? AppQueueMessagesPerCall,
    long? AppQueueMaxDepth,
    int ControllerStackTraceLines,
    string LoadAverage)
{
    public bool Passed => AnsweredPercent >= 99 && InviteTo200P95Ms < 200;

    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"  {Path,-15} {Rate,4} cps: answered {AnsweredPercent,6:0.0} %, INVITE->200 p50 {InviteTo200P50Ms,6:0.0} p95 {InviteTo200P95Ms,7:0.0} ms; " +
        $"Asterisk {AsteriskCpuMsPerCall,5:0.00} ms/call ({AsteriskCpuPercent:0} %), controller {ControllerCpuMsPerCall,5:0.00} ms/call ({ControllerCpuPercent:0} %); " +
        $"app queue {AppQueueMessagesPerCall,5:0.0} msg/call, max depth {AppQueueMaxDepth}{(Passed ? "" : "  FAILED")} [load {LoadAverage}]");
}
