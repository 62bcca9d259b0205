using LeadDesk.Admin.Cli;
using LeadDesk.Ari.Simulator;
using LeadDesk.RouteController.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.CallLog;
using SimCall = LeadDesk.Ari.Simulator.SimulatedCall;

namespace RouteController.Tests.Support;

/// <summary>
/// The real controller (its host, hosted services and a SQLite file in a temp folder, or a PostgreSQL database
/// shared with other controllers) connected to the ARI simulator over loopback HTTP and websocket. Routing is set up
/// with the admin CLI, as admins do.
/// </summary>
internal sealed class RunningController : IAsyncDisposable
{
    public const string Number = "+358401234567";
    public const string Caller = "+358451112233";
    private const string AriUser = "leaddesk";
    private const string AriPassword = "test-only-password";

    private readonly string _directory;
    private IHost? _host;

    private RunningController(AsteriskSimulator sim, string directory, string? postgres)
    {
        Sim = sim;
        _directory = directory;
        DatabasePath = Path.Combine(directory, "leaddesk.db");
        Postgres = postgres;
    }

    /// <summary>The connection string of the shared PostgreSQL store, or null for the controller's own SQLite file.</summary>
    public string? Postgres { get; }

    /// <summary>The store as the controller and the CLI name it.</summary>
    public StoreLocation Location => Postgres is null ? new StoreLocation(DatabasePath, StoreLocation.SettingKey) : StoreLocation.Postgres(Postgres);

    /// <summary>The settings that point a process at <see cref="Location"/>.</summary>
    public Dictionary<string, string?> StoreSettings() => Postgres is null
        ? new() { ["Database:Path"] = DatabasePath }
        : new() { ["Database:Provider"] = "postgres", ["Database:ConnectionString"] = Postgres };

    public RoutingStore OpenStore() => RoutingStore.Open(Location);

    public AsteriskSimulator Sim { get; }

    /// <summary>Every line the controller logged, with its scopes (kept across restarts of the host).</summary>
    public CapturedLog Log { get; } = new();

    public string DatabasePath { get; }

    public IHost Host => _host ?? throw new InvalidOperationException("not started");

    /// <summary>Short timers so the table's rows run in well under a second each.</summary>
    public static Dictionary<string, string?> FastRouting() => new()
    {
        ["Routing:RingTimeoutSeconds"] = "2",
        ["Routing:BusyToneSeconds"] = "0.3",
        ["Routing:NotInServiceSeconds"] = "2",
        ["Routing:OutboundTrunk"] = "carrier",
    };

    public static async Task<RunningController> StartAsync(
        string asteriskVersion = "22.10.1",
        Dictionary<string, string?>? settings = null,
        string? postgres = null,
        string? systemName = null)
    {
        var directory = Directory.CreateTempSubdirectory("leaddesk-controller-").FullName;
        var sim = await AsteriskSimulator.StartAsync(new SimulatorOptions
        {
            Username = AriUser,
            Password = AriPassword,
            AsteriskVersion = asteriskVersion,
            SoundDuration = TimeSpan.FromMilliseconds(150),
            SystemName = systemName,
        });
        var controller = new RunningController(sim, directory, postgres);
        await controller.StartHostAsync(settings ?? FastRouting());
        return controller;
    }

    /// <summary>A running controller with Alice's phone answered and bridged to a carrier caller.</summary>
    public static async Task<(RunningController Controller, SimCall Call)> StartWithBridgedCallAsync()
    {
        var controller = await StartAsync();
        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(50)));
        var call = await controller.CallAsync();
        await controller.Sim.WaitForAsync(() => controller.Sim.LiveBridges.Any(b => b.Channels.Count == 2), TimeSpan.FromSeconds(10));
        return (controller, call);
    }

    /// <summary>Starts (or, after <see cref="StopHostAsync"/>, restarts) the controller process's host.</summary>
    public async Task StartHostAsync(Dictionary<string, string?>? settings = null)
    {
        var config = new Dictionary<string, string?>(settings ?? FastRouting())
        {
            ["Ari:BaseUrl"] = Sim.BaseUrl,
            ["Ari:Username"] = AriUser,
            ["Ari:Password"] = AriPassword,
            ["Ari:ReconnectInitialDelay"] = "00:00:00.100",
            ["Ari:ReconnectMaxDelay"] = "00:00:00.500",
        };
        foreach (var (key, value) in StoreSettings())
        {
            config[key] = value;
        }

        // The health listener also serves agents' greetings to Asterisk (GreetingMedia): on a free loopback port.
        config.TryAdd("Health:Url", $"http://127.0.0.1:{FreePort()}/");
        var builder = ControllerHost.CreateBuilder([], c => c.AddInMemoryCollection(config));
        builder.Logging.AddProvider(Log);
        _host = builder.Build();
        var reconciled = ReconciliationCount();
        await _host.StartAsync();
        await Sim.WaitForAsync(() => Sim.IsAppConnected("leaddesk"), TimeSpan.FromSeconds(10));
        await WaitForReconciliationAsync(reconciled);
    }

    /// <summary>
    /// Reconciliation's last read is GET /applications/leaddesk; once Asterisk has answered it, the controller's view
    /// is settled and a test's next move cannot race it.
    /// </summary>
    public Task WaitForReconciliationAsync(int before) =>
        Sim.WaitForAsync(() => ReconciliationCount() > before, TimeSpan.FromSeconds(10));

    public int ReconciliationCount() =>
        Sim.Requests.Count(r => r.Method == "GET" && r.Path == "/ari/applications/leaddesk");

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StopHostAsync()
    {
        if (_host is { } host)
        {
            await host.StopAsync();
            host.Dispose();
            _host = null;
        }
    }

    /// <summary>Runs <c>leaddesk-admin</c> in-process against the controller's database; fails the test on a non-zero exit.</summary>
    public async Task AdminAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Postgres is null
            ? await CliApp.RunAsync(["--db", DatabasePath, .. args], stdout, stderr)
            : await CliApp.RunAsync(args, stdout, stderr, new ConfigurationBuilder().AddInMemoryCollection(StoreSettings()).Build());
        Assert.True(code == 0, $"leaddesk-admin {string.Join(' ', args)} exited {code}: {stderr}");
    }

    /// <summary>Alice, extension 1001, logged in, owning <see cref="Number"/>.</summary>
    public async Task AssignToAliceAsync(bool loggedIn = true, string? voicemail = null)
    {
        await AdminAsync("numbers", "add", Number);
        await AdminAsync("agents", "add", "alice", "--name", "Alice Agent", "--extension", "1001", "--email", "alice@example.com");
        await AdminAsync("routes", "assign", Number, "--agent", "alice");
        if (loggedIn)
        {
            await AdminAsync("agents", "login", "alice");
        }

        if (voicemail is not null)
        {
            await AdminAsync("agents", "set", "alice", "--unreachable", "voicemail:" + voicemail);
        }
    }

    /// <summary>A carrier call as <c>Stasis(leaddesk,inbound,${EXTEN})</c> delivers it.</summary>
    /// <param name="hangUpWhenRequested">The caller hangs up just as the controller asks for this channel operation.</param>
    public Task<SimCall> CallAsync(string dialled = Number, string callerNumber = "358451112233", string callerName = "Carrier caller", string? hangUpWhenRequested = null) =>
        Sim.PlaceInboundCallAsync(new InboundCall
        {
            App = "leaddesk",
            Args = ["inbound", dialled],
            Exten = dialled,
            CallerNumber = callerNumber,
            CallerName = callerName,
            HangUpWhenRequested = hangUpWhenRequested,
        });

    /// <summary>
    /// Agent <paramref name="extension"/> dials <paramref name="dialled"/> from their phone, as <c>from-agents</c>
    /// delivers it: <c>Stasis(leaddesk,outbound,${EXTEN})</c> on the phone's own PJSIP endpoint.
    /// </summary>
    public Task<SimCall> AgentDialsAsync(string dialled, string extension = "1001") =>
        Sim.PlaceInboundCallAsync(new InboundCall
        {
            App = "leaddesk",
            Args = ["outbound", dialled],
            Exten = dialled,
            Context = "from-agents",
            Endpoint = extension,
            CallerNumber = extension,
            CallerName = "Alice Agent",
        });

    /// <summary>The call's row once the controller has completed it.</summary>
    public async Task<CallLogEntry> CallLogRowAsync(string channelId, TimeSpan? within = null)
    {
        var store = OpenStore();
        var log = new CallLogStore(store);
        return (await Poll.UntilAsync(
            async () => (await log.ListAsync(1000)).FirstOrDefault(r => r.ChannelId == channelId),
            row => row?.Outcome is not null,
            within ?? TimeSpan.FromSeconds(10),
            $"the completed call-log row of {channelId}"))!;
    }

    /// <summary>Asserts Asterisk was left with no channel and no bridge: nothing of any call outlived it.</summary>
    public async Task AssertNothingLeftAsync()
    {
        await Sim.WaitForAsync(() => Sim.LiveChannels.Count == 0 && Sim.LiveBridges.Count == 0, TimeSpan.FromSeconds(5));
        Assert.Empty(Sim.LiveChannels);
        Assert.Empty(Sim.LiveBridges);
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        await Sim.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the WAL a moment longer; the temp folder is the OS's to clean then.
        }
    }
}
