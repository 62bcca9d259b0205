using LeadDesk.Store;
using LeadDesk.Store.Destinations;
using LeadDesk.Store.Routes;

namespace LeadDesk.Store.Tests.Destinations;

public abstract class DestinationRegistryTests(StoreProvider provider) : StoreTest(provider)
{
    public sealed class OnSqlite() : DestinationRegistryTests(StoreProvider.Sqlite);

    public sealed class OnPostgres() : DestinationRegistryTests(StoreProvider.Postgres);

    [Theory]
    [InlineData("ctx,System(rm -rf /)", "s")]
    [InlineData("ctx", "s,1,System(x)")]
    [InlineData("ctx;x", "s")]
    [InlineData("ctx", "${EVIL}")]
    public void Dialplan_targets_cannot_carry_applications(string context, string exten) =>
        Assert.Throws<RoutingRefusedException>(() => CustomDestination.Dialplan("d", context, exten));

    [Fact]
    public void Allowed_dialplan_characters_pass() =>
        Assert.Equal("from-support,*97#+_x-1,2", CustomDestination.Dialplan("d", "from-support", "*97#+_x-1", 2).Target);

    [Theory]
    [InlineData("PJSIP/2001&PJSIP/2002")]
    [InlineData("PJSIP/2001,30")]
    [InlineData("2001")]
    public void Endpoints_are_a_single_tech_and_resource(string endpoint) =>
        Assert.Throws<RoutingRefusedException>(() => CustomDestination.ToEndpoint("d", endpoint));

    [Fact]
    public async Task A_routed_destination_cannot_be_removed()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567");
        await t.AddDialplanAsync("ivr");
        await t.RouteAsync(RouteTarget.Custom("ivr"), "+358401234567");
        var registry = new DestinationRegistry(t.Store);

        await Assert.ThrowsAsync<RoutingRefusedException>(() => registry.RemoveAsync("ivr", Seed.Ct));
        await t.RouteAsync(RouteTarget.Unassigned, "+358401234567");
        await registry.RemoveAsync("ivr", Seed.Ct);
        Assert.Empty(await registry.ListAsync(Seed.Ct));
    }
}
