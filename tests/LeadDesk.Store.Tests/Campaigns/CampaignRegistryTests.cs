using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Campaigns;
using LeadDesk.Store.Routes;

namespace LeadDesk.Store.Tests.Campaigns;

public abstract class CampaignRegistryTests(StoreProvider provider) : StoreTest(provider)
{
    public sealed class OnSqlite() : CampaignRegistryTests(StoreProvider.Sqlite);

    public sealed class OnPostgres() : CampaignRegistryTests(StoreProvider.Postgres);

    private const string Number = "+358401234567";

    private static CampaignRegistry Campaigns(TempStore t) => new(t.Store, t.Normalizer);

    [Fact]
    public async Task A_caller_id_that_is_not_in_the_inventory_or_not_owned_or_no_number_is_refused_and_nothing_changes()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(false, "+358401234568");
        var before = await t.SnapshotAsync();

        Assert.Contains("not in the number inventory", (await Assert.ThrowsAsync<RoutingRefusedException>(() => Campaigns(t).AddAsync("sales", Number, cancellationToken: Seed.Ct))).Message);
        Assert.Contains("not owned", (await Assert.ThrowsAsync<RoutingRefusedException>(() => Campaigns(t).AddAsync("sales", "+358401234568", cancellationToken: Seed.Ct))).Message);
        await Assert.ThrowsAsync<RoutingRefusedException>(() => Campaigns(t).AddAsync("sales", "call me", cancellationToken: Seed.Ct));
        Assert.Equal(before, await t.SnapshotAsync());
        Assert.Empty(await Campaigns(t).ListAsync(Seed.Ct));
    }

    [Theory]
    [InlineData("\"Acme\" <1001>")]
    [InlineData("Acme${EXTEN}")]
    [InlineData("Acme\r\nX-Header: 1")]
    [InlineData("Acme;tag=1")]
    public async Task A_hostile_caller_name_is_refused(string name)
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, Number);
        await Assert.ThrowsAsync<RoutingRefusedException>(() => Campaigns(t).AddAsync("sales", Number, name, Seed.Ct));
        Assert.Null(await Campaigns(t).FindAsync("sales", Seed.Ct));
    }

    [Fact]
    public async Task A_caller_id_that_does_not_lead_back_is_allowed_with_a_warning_naming_where_callbacks_go()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, Number);
        await t.AddAgentAsync("bob", "1002");
        await t.RouteAsync(RouteTarget.Agent("bob"), Number);

        var warnings = await Campaigns(t).AddAsync("sales", Number, "Acme Sales", Seed.Ct);

        Assert.Equal("callbacks to +358401234567 go to agent bob, not to campaign sales (its queue or one of its agents)", Assert.Single(warnings));
        var stored = await Campaigns(t).FindAsync("sales", Seed.Ct);
        Assert.Equal(("sales", Number, "Acme Sales", 0), (stored!.Name, stored.CallerId, stored.CallerName, stored.Agents.Count));
    }

    [Fact]
    public async Task A_campaign_with_agents_cannot_be_removed_and_the_error_names_them()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, Number);
        await t.AddAgentAsync("alice", "1001");
        await Campaigns(t).AddAsync("sales", Number, cancellationToken: Seed.Ct);
        await t.Agents().SetAsync("alice", new AgentChanges(Campaign: "sales"), Seed.Ct);

        Assert.Contains("alice", (await Assert.ThrowsAsync<RoutingRefusedException>(() => Campaigns(t).RemoveAsync("sales", Seed.Ct))).Message);

        await t.Agents().SetAsync("alice", new AgentChanges(Campaign: "none"), Seed.Ct);
        await Campaigns(t).RemoveAsync("sales", Seed.Ct);
        Assert.Null(await Campaigns(t).FindAsync("sales", Seed.Ct));
    }

    [Fact]
    public async Task Joining_a_campaign_while_the_card_has_its_own_caller_id_warns_that_the_card_wins()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, Number, "+358401234568");
        await t.AddAgentAsync("alice", "1001");
        await t.RouteAsync(RouteTarget.Agent("alice"), "+358401234568");
        await t.Agents().SetAsync("alice", new AgentChanges(OutboundCallerId: "+358401234568"), Seed.Ct);
        await Campaigns(t).AddAsync("sales", Number, cancellationToken: Seed.Ct);

        var warnings = await t.Agents().SetAsync("alice", new AgentChanges(Campaign: "sales"), Seed.Ct);

        Assert.Contains(warnings, w => w.Contains("+358401234568 wins over campaign sales", StringComparison.Ordinal));
        Assert.Equal("sales", (await t.Agents().FindAsync("alice", Seed.Ct))!.Campaign);
    }

    [Fact]
    public async Task Joining_an_unknown_campaign_is_refused()
    {
        using var t = NewStore();
        await t.AddAgentAsync("alice", "1001");
        await Assert.ThrowsAsync<RoutingRefusedException>(() => t.Agents().SetAsync("alice", new AgentChanges(Campaign: "nosuch"), Seed.Ct));
    }

    [Fact]
    public async Task A_campaigns_caller_id_cannot_be_removed_from_the_inventory()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, Number);
        await Campaigns(t).AddAsync("sales", Number, cancellationToken: Seed.Ct);

        var e = await Assert.ThrowsAsync<RoutingRefusedException>(() => new LeadDesk.Store.Numbers.NumberInventory(t.Store, t.Normalizer)
            .RemoveAsync([new LeadDesk.Store.Numbers.NumberEntry(Number, 1)], Seed.Ct));
        Assert.Contains("campaign sales", e.Message, StringComparison.Ordinal);
    }
}
