using LeadDesk.RouteController.Routing;
using LeadDesk.Store;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Routing;
using RouteController.Tests.Support;

namespace RouteController.Tests.Routing;

/// <summary>
/// The dialled number as carriers send it (E.164, international digits, national form) to the route the store
/// holds for it, read per call: a real SQLite file set up with the admin CLI.
/// </summary>
public sealed class RouteResolverTests : IDisposable
{
    private readonly TempDatabase _db = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DbPath => _db.Path;

    private async Task AdminAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await LeadDesk.Admin.Cli.CliApp.RunAsync(["--db", DbPath, .. args], stdout, stderr);
        Assert.True(code == 0, $"leaddesk-admin {string.Join(' ', args)} exited {code}: {stderr}");
    }

    private RouteResolver Resolver(string region = "FI")
    {
        var store = RoutingStore.Open(DbPath);
        var numbers = new PhoneNumberNormalizer(region);
        return new(new RouteDirectory(store), numbers, new RoutingOptions { DefaultRegion = region }, new LeadDesk.Store.Outbound.OutboundSettingsStore(store, numbers));
    }

    [Theory]
    [InlineData("+358401234567")]
    [InlineData("358401234567")]
    [InlineData("0401234567")]
    [InlineData("040 123 4567")]
    public async Task Every_form_a_carrier_sends_resolves_to_the_same_number_and_route(string dialled)
    {
        await AdminAsync("numbers", "add", RunningController.Number);
        await AdminAsync("agents", "add", "alice", "--name", "Alice Agent", "--extension", "1001", "--email", "alice@example.com");
        await AdminAsync("routes", "assign", RunningController.Number, "--agent", "alice");
        await AdminAsync("agents", "login", "alice");

        var (e164, decision) = await Resolver().ResolveAsync(dialled, Ct);

        Assert.Equal(RunningController.Number, e164);
        Assert.Equal(new RouteDecision.RingAgent("alice", "1001"), decision);
    }

    [Fact]
    public async Task A_national_number_is_read_in_the_configured_region()
    {
        await AdminAsync("numbers", "add", "+46701234567");

        var (e164, decision) = await Resolver("SE").ResolveAsync("0701234567", Ct);

        Assert.Equal("+46701234567", e164);
        Assert.IsType<RouteDecision.NotAssigned>(decision);
    }

    [Theory]
    [InlineData("12;DROP TABLE")]
    [InlineData("")]
    [InlineData("s")]
    public async Task Something_that_is_not_a_phone_number_is_unknown_without_a_number(string dialled)
    {
        await AdminAsync("numbers", "add", RunningController.Number);

        var (e164, decision) = await Resolver().ResolveAsync(dialled, Ct);

        Assert.Null(e164);
        Assert.IsType<RouteDecision.Unknown>(decision);
    }

    [Fact]
    public async Task A_route_changed_after_the_resolver_was_made_applies_to_the_next_lookup()
    {
        await AdminAsync("numbers", "add", RunningController.Number);
        var resolver = Resolver();
        Assert.IsType<RouteDecision.NotAssigned>((await resolver.ResolveAsync(RunningController.Number, Ct)).Decision);

        await AdminAsync("queues", "add", "support");
        await AdminAsync("routes", "queue", RunningController.Number, "--queue", "support");

        Assert.Equal(new RouteDecision.Queue("support"), (await resolver.ResolveAsync("0401234567", Ct)).Decision);
    }

    public void Dispose() => _db.Dispose();
}
