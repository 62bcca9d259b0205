using System.Net;
using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Queues;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Admin.Web.Tests;

/// <summary>
/// The web admin on real Kestrel, on a free loopback port, over a real temp SQLite file, with a fake clock for
/// lock-out periods. Seeding goes through the same store classes the CLI uses.
/// </summary>
public sealed class WebHarness : IAsyncDisposable
{
    public const string Password = "a long enough secret";

    private WebHarness(string directory, WebApplication app, FakeTimeProvider clock)
    {
        Directory = directory;
        App = app;
        Clock = clock;
        Store = app.Services.GetRequiredService<RoutingStore>();
        var server = app.Services.GetRequiredService<IServer>();
        BaseAddress = new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Directory { get; }

    public WebApplication App { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>What the web admin logged (LeadDesk categories, Information and up).</summary>
    public CapturedLog Log { get; private init; } = new();

    public RoutingStore Store { get; }

    public Uri BaseAddress { get; }

    public PhoneNumberNormalizer Normalizer { get; } = new("FI");

    public RouteTable Routes => new(Store, Normalizer);

    public AgentRoster Agents => new(Store, Normalizer);

    public static async Task<WebHarness> StartAsync(params string[] settings)
    {
        var directory = Path.Combine(Path.GetTempPath(), "leaddesk-web-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero));
        var log = new CapturedLog();
        var app = AdminWebApp.Build(
            // XDG_DATA_HOME too: where the web keeps its keys when the store is not a file (PostgreSQL), never the
            // home of whoever runs the tests.
            ["--urls=http://127.0.0.1:0", $"--Database:Path={Path.Combine(directory, "leaddesk.db")}", $"--XDG_DATA_HOME={directory}", .. settings],
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
                builder.Logging.ClearProviders();
                builder.Logging.AddProvider(log);
            });
        await app.StartAsync(Ct);
        return new WebHarness(directory, app, clock) { Log = log };
    }

    public Task AddUserAsync(string name, UserRole role, string? agentId = null) =>
        new UserDirectory(Store).AddAsync(name, role, agentId, Password, Ct);

    public Task AddAgentAsync(string id, string extension, params string[] emails) =>
        Agents.AddAsync(id, "Agent " + id, extension, emails.Length == 0 ? [$"{id}@example.com"] : emails, null, Ct);

    public Task AddNumbersAsync(IEnumerable<string> numbers) =>
        new NumberInventory(Store, Normalizer).AddAsync(numbers.Select(n => new NumberImportRow(new NumberEntry(n), null, true)).ToList(), Ct);

    public Task AddQueueAsync(string name) => new QueueRegistry(Store).AddAsync(name, Ct);

    public Task RouteAsync(RouteTarget target, params string[] numbers) => Routes.ApplyAsync(NumberEntry.From(numbers), target, "test", Ct);

    /// <summary>A client with its own cookies, connecting from <paramref name="localAddress"/> (all of 127/8 is loopback).</summary>
    public WebClient Client(string localAddress = "127.0.0.1") => new(BaseAddress, IPAddress.Parse(localAddress));

    /// <summary>A client signed in as <paramref name="name"/>, holding a token for changes.</summary>
    public async Task<WebClient> SignedInAsync(string name)
    {
        var client = Client();
        var response = await client.SignInAsync(name, Password);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in of {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return client;
    }

    public static string Number(int i) => "+35840" + (1000000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
