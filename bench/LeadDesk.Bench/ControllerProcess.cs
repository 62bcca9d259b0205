using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;

namespace LeadDesk.Bench;

/// <summary>The figures <c>GET /debug/counters</c> of the controller reports (Health:Diagnostics).</summary>
internal sealed record Counters(
    [property: JsonPropertyName("workingSetBytes")] long WorkingSetBytes,
    [property: JsonPropertyName("gcHeapBytes")] long GcHeapBytes,
    [property: JsonPropertyName("gcCommittedBytes")] long GcCommittedBytes,
    [property: JsonPropertyName("cpuMilliseconds")] double CpuMilliseconds,
    [property: JsonPropertyName("activeCalls")] int ActiveCalls,
    [property: JsonPropertyName("trackedChannels")] int TrackedChannels,
    [property: JsonPropertyName("agentsOnCall")] int AgentsOnCall,
    [property: JsonPropertyName("callTasks")] int CallTasks,
    [property: JsonPropertyName("exceptions")] IReadOnlyDictionary<string, long> Exceptions,
    [property: JsonPropertyName("allocatedBytes")] long AllocatedBytes,
    [property: JsonPropertyName("gen0Collections")] int Gen0Collections,
    [property: JsonPropertyName("gen1Collections")] int Gen1Collections,
    [property: JsonPropertyName("gen2Collections")] int Gen2Collections,
    [property: JsonPropertyName("lockContentions")] long LockContentions,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("decision")] Percentiles Decision)
{
    /// <summary>The same figures with only the ten most frequent exception kinds, for the results file.</summary>
    public Counters ForReport() => this with
    {
        Exceptions = Exceptions.OrderByDescending(kv => kv.Value).Take(10).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
    };

    public bool NoCallState => ActiveCalls == 0 && TrackedChannels == 0 && AgentsOnCall == 0 && CallTasks == 0;
}

/// <summary>The real RouteController in its own process, configured by environment as an operator would.</summary>
internal sealed class ControllerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private ControllerProcess(Process process, int healthPort)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{healthPort}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Pid => _process.Id;

    /// <summary>Lines the controller logged (Warning and above), and how many of them were stack-trace frames.</summary>
    public int LogLines => _logLines;

    /// <summary>Stack-trace frames (<c>   at ...</c>) in the controller's log so far.</summary>
    public int StackTraceLines => _stackTraceLines;

    /// <summary>When set, the controller's lines go to this file instead of stderr (a load run would flood the console).</summary>
    public string? LogFile { get; set; }

    private int _logLines;
    private int _stackTraceLines;
    private readonly object _logLock = new();

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        Interlocked.Increment(ref _logLines);
        if (line.TrimStart().StartsWith("at ", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _stackTraceLines);
        }

        if (LogFile is { } file)
        {
            lock (_logLock)
            {
                File.AppendAllText(file, line + Environment.NewLine);
            }
        }
        else
        {
            Console.Error.WriteLine("[controller] " + line);
        }
    }

    /// <param name="metrics">Health:Metrics: off, nothing listens to the controller's meters.</param>
    /// <param name="healthPort">Health:Url's port; a free one by default.</param>
    /// <param name="environment">More settings (e.g. <c>Routing__RingTimeoutSeconds</c>), over the bench's own.</param>
    public static async Task<ControllerProcess> StartAsync(string ariBaseUrl, string user, string password, string databasePath, bool metrics = true, int? healthPort = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        healthPort ??= FreePort();
        var dll = RepoPaths.ControllerDll;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        var env = start.Environment;
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["Ari__BaseUrl"] = ariBaseUrl;
        env["Ari__Username"] = user;
        env["Ari__Password"] = password;
        env["Database__Path"] = databasePath;
        env["Health__Url"] = $"http://127.0.0.1:{healthPort}/";
        env["Health__Diagnostics"] = "true";
        env["Health__Metrics"] = metrics ? "true" : "false";
        // Short treatments so calls of every kind end quickly; the decision path is the same as in production.
        env["Routing__RingTimeoutSeconds"] = "5";
        env["Routing__BusyToneSeconds"] = "0.2";
        env["Routing__NotInServiceSeconds"] = "0.2";
        // Per-call Information lines would measure the console, not the controller.
        env["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var controller = new ControllerProcess(process, healthPort.Value);
        process.OutputDataReceived += (_, e) => controller.Log(e.Data);
        process.ErrorDataReceived += (_, e) => controller.Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var response = await controller._http.GetAsync("healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return controller;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The controller did not report ARI connected (exited: {process.HasExited}).");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Counters; <paramref name="collect"/> asks for a full GC first so the heap figure is what is live.</summary>
    public async Task<Counters> CountersAsync(bool collect = false) =>
        (await _http.GetFromJsonAsync<Counters>(collect ? "debug/counters?collect=1" : "debug/counters"))!;

    /// <summary>User + system CPU of the controller process, read from outside it.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>User and kernel CPU separately (Linux /proc), to tell our code from the loopback networking it causes.</summary>
    public (TimeSpan User, TimeSpan System) CpuSplit()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of proc(5), counted from the state field (3): utime, stime in clock ticks (100 Hz).
        static TimeSpan Ticks(string v) => TimeSpan.FromMilliseconds(long.Parse(v, System.Globalization.CultureInfo.InvariantCulture) * 10);
        return (Ticks(fields[11]), Ticks(fields[12]));
    }

    public async Task WaitUntilAsync(Func<Counters, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var counters = await CountersAsync();
            if (condition(counters))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"controller counters never settled: {counters}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM, as systemd or docker would stop it.
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        _http.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
