using System.Globalization;
using System.Text.Json;
using LeadDesk.Admin.Cli;
using LeadDesk.RouteController.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AsteriskConfig.Tests.RealAsterisk;

/// <summary>
/// A real Asterisk with asterisk-config/ (its own <see cref="AsteriskFixture"/>), the real route controller in-process
/// connected to its ARI, a SQLite store set up with the admin CLI as an admin would, and the test's own ARI
/// application for placing and watching carrier calls. Without an asterisk binary only <see cref="SkipReason"/> is set.
/// </summary>
public class CarrierCallFixture : IAsyncLifetime
{
    /// <summary>Routed to the queue <c>support</c> (the one queue asterisk-config/ ships).</summary>
    public const string QueueNumber = "+358401234567";

    /// <summary>In the inventory, owned, routed nowhere.</summary>
    public const string NotAssignedNumber = "+358401234568";

    /// <summary>Never added to the inventory.</summary>
    public const string UnknownNumber = "+358401234569";

    public const string CallerNumber = "+358451112233";

    /// <summary>Agent alice's own outbound caller ID (her card's <c>--outbound-cid</c>): in the inventory, owned.</summary>
    public const string OutboundCallerId = "+358401234570";

    /// <summary>Agent alice's phone: pjsip.conf's endpoint 1001.</summary>
    public const string AgentExtension = "1001";

    /// <summary>How long the agent hears busy or a failure tone before the call ends (the default 4 s would only slow the tests).</summary>
    public const int ToneSeconds = 1;

    /// <summary>Bound for the not-in-service announcement (about 4 s in the stock prompts), so the test stays short.</summary>
    public const int NotInServiceSeconds = 8;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    private readonly CapturedLog _log = new();
    private string _directory = "";
    private IHost? _controller;
    private AriTestApp? _ari;
    private HttpClient? _health;
    private bool _disposed;

    public AsteriskFixture Asterisk { get; } = new();

    public virtual string? SkipReason => Asterisk.SkipReason;

    public string DatabasePath => Path.Combine(_directory, "leaddesk.db");

    internal AriTestApp Ari => _ari ?? throw new InvalidOperationException("the fixture is not running");

    /// <summary>What the controller's /healthz said once it was ready: whether it plays early media on this Asterisk.</summary>
    public bool EarlyMedia { get; private set; }

    public string AsteriskVersion { get; private set; } = "";

    /// <summary>The controller's log so far (it runs in this process; see <see cref="CapturedLog"/>).</summary>
    public string ControllerLog => _log.ToString();

    /// <summary>
    /// The settings that name the store, for the controller and the CLI alike: the fixture's SQLite file here; a
    /// PostgreSQL database in <see cref="PostgresCarrierCallFixture"/>.
    /// </summary>
    protected virtual Dictionary<string, string?> StoreSettings() => new() { ["Database:Path"] = DatabasePath };

    /// <summary>Set-up before the store is seeded (a database to create); runs once Asterisk is up.</summary>
    protected virtual Task PrepareStoreAsync() => Task.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        await Asterisk.InitializeAsync();
        if (SkipReason is not null) return;
        try
        {
            _directory = Directory.CreateTempSubdirectory("leaddesk-carrier-calls-").FullName;
            await PrepareStoreAsync();
            if (SkipReason is not null) return;
            await SeedAsync();
            await StartControllerAsync();
            _ari = await AriTestApp.ConnectAsync(Asterisk, ReadyTimeout);
            if (!await _ari.IsApplicationRegisteredAsync("leaddesk", ReadyTimeout))
                throw new TimeoutException($"Asterisk never listed the ARI application leaddesk.{Environment.NewLine}{Diagnostics()}");
        }
        catch
        {
            // Whatever xUnit does with a fixture whose start failed, the Asterisk process and the host must not outlive it.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The routes of docs/behaviour.md's table that a bare asterisk-config/ can serve (no phone is registered), and agent
    /// alice on phone 1001 calling out as <see cref="OutboundCallerId"/>.
    /// </summary>
    private async Task SeedAsync()
    {
        await AdminAsync("queues", "add", "support");
        await AdminAsync("numbers", "add", QueueNumber, NotAssignedNumber, OutboundCallerId, "--label", "real Asterisk call test");
        await AdminAsync("routes", "queue", QueueNumber, "--queue", "support");
        await AdminAsync("agents", "add", "alice", "--name", "Alice A", "--extension", AgentExtension, "--email", "alice@example.com", "--outbound-cid", OutboundCallerId);
    }

    /// <summary>Runs <c>leaddesk-admin</c> in-process against the test database.</summary>
    public async Task<string> AdminAsync(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var code = await CliApp.RunAsync(args, stdout, stderr, new ConfigurationBuilder().AddInMemoryCollection(StoreSettings()).Build());
        if (code != 0) throw new InvalidOperationException($"leaddesk-admin {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout.ToString();
    }

    private async Task StartControllerAsync()
    {
        var healthUrl = $"http://127.0.0.1:{Asterisk.ControllerHttpPort}/";
        var config = new Dictionary<string, string?>
        {
            ["Ari:BaseUrl"] = Asterisk.HttpBaseUrl,
            ["Ari:Username"] = AsteriskFixture.AriUser,
            ["Ari:Password"] = Asterisk.AriPassword,
            ["Ari:Application"] = "leaddesk",
            ["Ari:ReconnectInitialDelay"] = "00:00:00.200",
            ["Ari:ReconnectMaxDelay"] = "00:00:01",
            ["Health:Url"] = healthUrl,
            ["Routing:NotInServiceSeconds"] = NotInServiceSeconds.ToString(CultureInfo.InvariantCulture),
            ["Outbound:ToneSeconds"] = ToneSeconds.ToString(CultureInfo.InvariantCulture),
            // Nothing in these tests sends mail; keep the outbox poller away from any real server on port 25.
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = AsteriskFixture.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in StoreSettings())
        {
            config[key] = value;
        }

        var builder = ControllerHost.CreateBuilder([], c => c.AddInMemoryCollection(config));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(_log);
        _controller = builder.Build();
        await _controller.StartAsync();

        _health = new HttpClient { BaseAddress = new Uri(healthUrl), Timeout = TimeSpan.FromSeconds(5) };
        await WaitUntilReadyAsync();
    }

    /// <summary>
    /// Ready means the websocket is up AND /asterisk/info has answered: before that the controller assumes no early
    /// media (rejects instead), and a not-assigned call placed in that window would be treated differently.
    /// </summary>
    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await _health!.GetStringAsync("healthz");
                var report = JsonDocument.Parse(last).RootElement;
                if (report.GetProperty("ariConnected").GetBoolean() && report.GetProperty("asteriskVersion").GetString() is { } version)
                {
                    AsteriskVersion = version;
                    EarlyMedia = report.GetProperty("earlyMedia").GetBoolean();
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // 503 while ARI is not connected yet, the listener not up yet, or a slow answer on a busy machine.
                last = e.Message;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the controller was not ready in {ReadyTimeout.TotalSeconds} s; /healthz said: {last}{Environment.NewLine}{Diagnostics()}");
    }

    /// <summary>The call's call-log row (as <c>leaddesk-admin calls list --json</c> shows it) once the controller has completed it.</summary>
    public Task<JsonElement?> CallLogRowAsync(string channelId, TimeSpan timeout) =>
        CallLogRowAsync(row => AriEvent.Text(row, "channelId") == channelId, timeout);

    /// <summary>The first completed call-log row that <paramref name="match"/> accepts, newest first.</summary>
    public async Task<JsonElement?> CallLogRowAsync(Func<JsonElement, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var rows = JsonDocument.Parse(await AdminAsync("calls", "list", "--limit", "100", "--json"));
            foreach (var row in rows.RootElement.EnumerateArray())
            {
                if (match(row) && AriEvent.Text(row, "outcome") is not null)
                    return row.Clone();
            }

            if (DateTime.UtcNow > deadline) return null;
            await Task.Delay(100);
        }
    }

    /// <summary>The controller's log and the tail of Asterisk's console, for failure messages.</summary>
    public string Diagnostics()
    {
        var asterisk = Asterisk.Output;
        const int tail = 6000;
        return $"""
            --- controller log ---
            {ControllerLog}
            --- Asterisk output (last {tail} characters) ---
            {(asterisk.Length > tail ? asterisk[^tail..] : asterisk)}
            """;
    }

    public virtual async ValueTask DisposeAsync()
    {
        // Called once by a failed start and possibly again by xUnit; AsteriskFixture must be disposed only once.
        if (_disposed) return;
        _disposed = true;
        if (_ari is { } ari)
        {
            _ari = null;
            await ari.DisposeAsync();
        }

        if (_controller is { } controller)
        {
            _controller = null;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await controller.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
            }

            controller.Dispose();
        }

        _health?.Dispose();
        _health = null;
        await Asterisk.DisposeAsync();

        if (_directory.Length > 0)
        {
            // SQLite pools connections (and the WAL) per file; release them so the folder can go.
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
