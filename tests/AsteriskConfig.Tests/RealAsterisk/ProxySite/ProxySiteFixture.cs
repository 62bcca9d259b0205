using System.Globalization;
using LeadDesk.Admin.Cli;
using LeadDesk.Postgres.Cluster;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AsteriskConfig.Tests.RealAsterisk.ProxySite;

/// <summary>
/// A whole site behind the SIP proxy on loopback, as docs/multi-asterisk.md deploys it, shared by the proxy-site
/// tests: two Asterisks (asterisk-config/ with proxy-site/ over it, systemname ast-a and ast-b), their two real
/// controllers on one PostgreSQL database of the tests' cluster, Kamailio running the shipped kamailio/kamailio.cfg
/// with a leaddesk-site.cfg, and agents alice (1001) and bob (1002) whose SIPp phones register with Kamailio using
/// the passwords <c>leaddesk-admin phones set</c> stored. The store is set up with the CLI only.
/// Without asterisk, sipp, kamailio or a PostgreSQL server, <see cref="SkipReason"/> names what is missing.
/// </summary>
public sealed class ProxySiteFixture : IAsyncLifetime
{
    /// <summary>Routed to the queue <c>support</c>.</summary>
    public const string QueueNumber = "+358401230001";

    /// <summary>Routed straight to alice (1001).</summary>
    public const string AliceNumber = "+358401230002";

    /// <summary>Routed straight to bob (1002).</summary>
    public const string BobNumber = "+358401230003";

    private static int _callers;

    private readonly List<IAsyncDisposable> _owned = [];
    private PostgresCluster? _cluster;
    private string? _database;
    private bool _disposed;

    public string? SkipReason { get; private set; }

    internal string Sipp { get; private set; } = "";

    internal SiteNode A { get; private set; } = null!;

    internal SiteNode B { get; private set; } = null!;

    internal IReadOnlyList<SiteNode> Nodes => [A, B];

    internal KamailioProcess Kamailio { get; private set; } = null!;

    internal SippPhone Alice { get; private set; } = null!;

    internal SippPhone Bob { get; private set; } = null!;

    internal string Database => _database ?? throw new InvalidOperationException("the site is not running");

    public async ValueTask InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        var kamailio = KamailioProcess.FindBinary();
        var sipp = SippProcess.FindBinary();
        if (kamailio is null || sipp is null)
        {
            SkipReason = (kamailio is null ? "kamailio not found (set KAMAILIO_BIN or install Debian's kamailio and kamailio-postgres-modules)" : "")
                + (kamailio is null && sipp is null ? "; " : "")
                + (sipp is null ? "sipp not found (set SIPP_BIN or install Debian's sip-tester)" : "")
                + ". The proxy-site tests run Kamailio, two Asterisks and SIPp phones and carrier on loopback.";
            return;
        }

        Sipp = sipp;
        try
        {
            _cluster = await PostgresCluster.GetAsync();
        }
        catch (PostgresUnavailableException e)
        {
            SkipReason = "no PostgreSQL server for the tests: " + e.Message;
            return;
        }

        var kamailioPort = AsteriskFixture.FreeUdpPort();
        A = Own(new SiteNode(new ProxySiteAsterisk("ast-a", kamailioPort)));
        B = Own(new SiteNode(new ProxySiteAsterisk("ast-b", kamailioPort)));
        await Task.WhenAll(A.Asterisk.InitializeAsync().AsTask(), B.Asterisk.InitializeAsync().AsTask());
        if (A.Asterisk.SkipReason is { } noAsterisk)
        {
            SkipReason = noAsterisk;
            return;
        }

        _database = await _cluster.CreateDatabaseAsync();
        await SeedAsync();
        await Task.WhenAll(A.StartControllerAsync(Database), B.StartControllerAsync(Database));

        var db = new NpgsqlConnectionStringBuilder(Database);
        Kamailio = Own(KamailioProcess.Render(
            kamailioPort,
            [A.Asterisk.SipUri, B.Asterisk.SipUri],
            [
                ("DBURL", $"\"postgres://{db.Username}@{db.Host}:{db.Port.ToString(CultureInfo.InvariantCulture)}/{db.Database}\""),
                ("CARRIER_NET", $"\"{AsteriskFixture.CarrierAddress}/32\""),
                ("PROBE_SECONDS", "1"),
            ]));
        var (code, check) = await Kamailio.CheckAsync(kamailio);
        if (code != 0 && check.Contains("could not find module", StringComparison.OrdinalIgnoreCase))
        {
            SkipReason = $"kamailio cannot load a module kamailio.cfg needs (Debian: kamailio-postgres-modules): {check}";
            return;
        }

        if (code != 0)
        {
            throw new InvalidOperationException($"kamailio -c refused the shipped kamailio.cfg with the site's leaddesk-site.cfg:{Environment.NewLine}{check}");
        }

        await Kamailio.StartAsync(kamailio, TimeSpan.FromSeconds(20));

        Alice = Own(SippPhone.Start(sipp, "1001", AlicePassword, kamailioPort));
        Bob = Own(SippPhone.Start(sipp, "1002", BobPassword, kamailioPort));
        await Task.WhenAll(Alice.WaitRegisteredAsync(TimeSpan.FromSeconds(10)), Bob.WaitRegisteredAsync(TimeSpan.FromSeconds(10)));
    }

    private string AlicePassword { get; } = "alice-" + Guid.NewGuid().ToString("N");

    private string BobPassword { get; } = "bob-" + Guid.NewGuid().ToString("N");

    /// <summary>Numbers, routes, agents, the queue and the phones' credentials: the CLI only, as an admin sets a site up.</summary>
    private async Task SeedAsync()
    {
        await AdminAsync("migrate");
        await AdminAsync("queues", "add", "support");
        await AdminAsync("numbers", "add", QueueNumber, AliceNumber, BobNumber, "--label", "proxy site test");
        await AdminAsync("routes", "queue", QueueNumber, "--queue", "support");
        await AdminAsync("agents", "add", "alice", "--name", "Alice A", "--extension", "1001", "--email", "alice@example.com");
        await AdminAsync("agents", "add", "bob", "--name", "Bob B", "--extension", "1002", "--email", "bob@example.com");
        await AdminAsync("agents", "login", "alice");
        await AdminAsync("agents", "login", "bob");
        await AdminAsync("routes", "assign", AliceNumber, "--agent", "alice");
        await AdminAsync("routes", "assign", BobNumber, "--agent", "bob");
        await AdminWithInputAsync(AlicePassword, "phones", "set", "1001");
        await AdminWithInputAsync(BobPassword, "phones", "set", "1002");
    }

    /// <summary>Runs <c>leaddesk-admin</c> in-process against the site's database.</summary>
    public Task<string> AdminAsync(params string[] args) => AdminWithInputAsync("", args);

    private async Task<string> AdminWithInputAsync(string input, params string[] args)
    {
        using var stdin = new StringReader(input + "\n");
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "postgres", ["Database:ConnectionString"] = Database })
            .Build();
        var code = await CliApp.RunAsync(args, stdin, stdout, stderr, settings);
        if (code != 0) throw new InvalidOperationException($"leaddesk-admin {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout.ToString();
    }

    /// <summary>
    /// A caller number no other call of the run presents: <c>+358452…</c> when the agent's phone is to answer,
    /// <c>+358451…</c> when it only rings (phone-at-proxy.xml tells them apart).
    /// </summary>
    internal static string NewCaller(bool phoneAnswers) =>
        (phoneAnswers ? "+358452" : "+358451") + Interlocked.Increment(ref _callers).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>A carrier call for <paramref name="dialled"/> into Kamailio; disposed (killed if still running) with the test's calls.</summary>
    internal CarrierAtProxy Call(string dialled, bool phoneAnswers) =>
        CarrierAtProxy.Start(Sipp, Kamailio.Port, dialled, NewCaller(phoneAnswers));

    /// <summary>The node whose Asterisk sent a request that arrived through Kamailio (its second Via, below Kamailio's).</summary>
    internal SiteNode? SentBy(SipMessage request)
    {
        var vias = request.Header("Via", "v").SelectMany(v => v.Split(',')).Select(v => v.Trim()).ToList();
        return vias.Count < 2 ? null : Nodes.FirstOrDefault(n => vias[1].Contains($"127.0.0.1:{n.Asterisk.SipPort.ToString(CultureInfo.InvariantCulture)};", StringComparison.Ordinal));
    }

    /// <summary>Whether the request's top Via is Kamailio's: it came through the proxy.</summary>
    internal bool ViaKamailio(SipMessage request) =>
        request.Header("Via", "v").SelectMany(v => v.Split(',')).FirstOrDefault()?.Contains($"127.0.0.1:{Kamailio.Port.ToString(CultureInfo.InvariantCulture)};", StringComparison.Ordinal) == true;

    /// <summary>Makes the queue support's members exactly <paramref name="agents"/> with the CLI.</summary>
    public async Task SetSupportMembersAsync(params string[] agents)
    {
        foreach (var agent in new[] { "alice", "bob" }.Except(agents))
        {
            var members = await AdminAsync("queues", "members", "support", "--json");
            if (members.Contains($"\"{agent}\"", StringComparison.Ordinal))
            {
                await AdminAsync("queues", "remove-member", "support", agent);
            }
        }

        foreach (var agent in agents)
        {
            await AdminAsync("queues", "add-member", "support", agent);
        }
    }

    /// <summary>
    /// Waits until the device state <c>Stasis:agent-<paramref name="extension"/></c> is <paramref name="state"/> on both
    /// Asterisks (the controllers publish the site's claims for queue members every Agents:DeviceStateInterval).
    /// </summary>
    internal Task WaitDeviceStateAsync(string extension, string state, TimeSpan within, params SiteNode[] nodes) =>
        Poll.UntilAsync(
            async () =>
            {
                foreach (var node in nodes.Length == 0 ? Nodes : nodes)
                {
                    if (await node.Ari.DeviceStateAsync("Stasis:agent-" + extension) != state) return false;
                }

                return true;
            },
            within,
            $"Stasis:agent-{extension} to be {state} on {string.Join(", ", (nodes.Length == 0 ? Nodes : nodes).Select(n => n.Name))}");

    /// <summary>Hangs up every channel on both Asterisks and waits until none is left, so each test starts on a quiet site.</summary>
    internal async Task HangUpEverythingAsync()
    {
        foreach (var node in Nodes)
        {
            await node.Ari.HangupAllAsync();
        }

        await Poll.UntilAsync(
            async () => (await A.Ari.ChannelsAsync()).Count == 0 && (await B.Ari.ChannelsAsync()).Count == 0,
            TimeSpan.FromSeconds(10),
            "no channel left on either Asterisk");
    }

    /// <summary>The controllers' logs and Kamailio's, for failure messages.</summary>
    internal string Diagnostics()
    {
        const int tail = 8000;
        static string Tail(string s) => s.Length > tail ? s[^tail..] : s;
        return string.Join(
            Environment.NewLine,
            Nodes.Where(n => n is not null).Select(n => $"--- controller of {n.Name} ---{Environment.NewLine}{Tail(n.ControllerLog)}")
                .Append($"--- kamailio ---{Environment.NewLine}{(Kamailio is null ? "" : Tail(Kamailio.Output))}"));
    }

    /// <summary><see cref="Poll.UntilAsync(Func{Task{bool}}, TimeSpan, string, CancellationToken)"/>, saying what was awaited as it stood when the time ran out.</summary>
    internal static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan within, Func<string> what)
    {
        try
        {
            await Poll.UntilAsync(condition, within);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what()}: not met within {within}");
        }
    }

    private T Own<T>(T resource)
        where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    internal static void DeleteQuietly(string directory)
    {
        if (Environment.GetEnvironmentVariable("LEADDESK_KEEP_ASTERISK_DIR") is not null)
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        // Phones and Kamailio first, then each controller before its Asterisk.
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            try
            {
                await _owned[i].DisposeAsync();
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
            }
        }

        if (_database is { } database)
        {
            _database = null;
            NpgsqlConnection.ClearAllPools();
            await _cluster!.DropDatabaseAsync(database);
        }
    }
}
