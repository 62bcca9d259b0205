using LeadDesk.Store;
using Dapper;
using LeadDesk.Store.Destinations;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Outbound;
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

    [Theory]
    [InlineData("+358600123456", "Custom destination 'fraud' cannot be +358600123456: dial policy: +358600123456 is a premium-rate number.")]
    [InlineData("+12025550123", "Custom destination 'fraud' cannot be +12025550123: dial policy: +12025550123 is in region US, not in the allowed regions (FI).")]
    public async Task An_external_number_the_dial_policy_refuses_cannot_be_made_or_be_changed_to(string number, string message)
    {
        using var t = NewStore();
        var registry = new DestinationRegistry(t.Store, new PhoneNumberNormalizer("FI"));

        var made = await Assert.ThrowsAsync<RoutingRefusedException>(() => registry.AddAsync(CustomDestination.ToNumber("fraud", number), Seed.Ct));
        await registry.AddAsync(CustomDestination.ToNumber("fraud", "+358401234599"), Seed.Ct);
        var changed = await Assert.ThrowsAsync<RoutingRefusedException>(() => registry.UpdateAsync(CustomDestination.ToNumber("fraud", number), Seed.Ct));

        Assert.Equal(message, made.Message);
        Assert.Equal(message, changed.Message);
        Assert.Equal("+358401234599", Assert.Single(await registry.ListAsync(Seed.Ct)).Number);
    }

    [Fact]
    public async Task Destinations_that_break_the_policy_in_force_are_listed_with_the_reason()
    {
        using var t = NewStore();
        var numbers = new PhoneNumberNormalizer("FI");
        var registry = new DestinationRegistry(t.Store, numbers);
        await registry.AddAsync(CustomDestination.ToNumber("office", "+358401234599"), Seed.Ct);
        await registry.AddAsync(CustomDestination.Dialplan("ivr", "support-ivr", "s"), Seed.Ct);

        // One made before the policy applied to destinations (written as an older version would have).
        await using (var connection = await t.Store.OpenConnectionAsync(Seed.Ct))
        {
            await connection.ExecuteAsync(
                "INSERT INTO custom_destinations (name, kind, number, created_at) VALUES ('premium', 'number', '+358600123456', '2025-01-01T00:00:00.000Z')");
        }

        Assert.Equal(["premium"], (await registry.PolicyBreachesAsync(Seed.Ct)).Select(b => b.Destination.Name));

        // The company then allows Sweden only: the Finnish office breaks it too.
        await new OutboundSettingsStore(t.Store, numbers).SetAsync(null, ["SE"], Seed.Ct);
        var breaches = await registry.PolicyBreachesAsync(Seed.Ct);
        Assert.Equal(["office", "premium"], breaches.Select(b => b.Destination.Name).Order());
        Assert.Contains(breaches, b => b.Problem == "dial policy: +358401234599 is in region FI, not in the allowed regions (SE)");
    }
}
