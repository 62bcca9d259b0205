using LeadDesk.Store;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;

namespace LeadDesk.Store.Tests.Numbers;

public abstract class NumberInventoryTests(StoreProvider provider) : StoreTest(provider)
{
    public sealed class OnSqlite() : NumberInventoryTests(StoreProvider.Sqlite);

    public sealed class OnPostgres() : NumberInventoryTests(StoreProvider.Postgres);

    [Fact]
    public async Task A_routed_number_cannot_be_removed()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567", "+358401234568");
        await t.AddAgentAsync("alice", "1001");
        await t.RouteAsync(RouteTarget.Agent("alice"), "+358401234567");

        var e = await Assert.ThrowsAsync<RoutingRefusedException>(() => t.Numbers().RemoveAsync(NumberEntry.From(["+358401234568", "+358401234567"]), Seed.Ct));
        Assert.Contains("unassign", e.Message);
        Assert.Equal(2, (await t.Numbers().ListAsync(Seed.Ct)).Count);

        await t.Numbers().RemoveAsync(NumberEntry.From(["+358401234568"]), Seed.Ct);
        Assert.Single(await t.Numbers().ListAsync(Seed.Ct));
    }

    [Fact]
    public async Task Adding_is_all_or_nothing()
    {
        using var t = NewStore();
        var rows = new[] { "+358401234567", "x" }.Select(n => new NumberImportRow(new NumberEntry(n), null, true)).ToList();
        await Assert.ThrowsAsync<RoutingRefusedException>(() => t.Numbers().AddAsync(rows, Seed.Ct));
        Assert.Empty(await t.Numbers().ListAsync(Seed.Ct));
    }

    [Fact]
    public async Task A_routed_number_cannot_be_marked_not_owned()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567");
        await t.AddAgentAsync("alice", "1001");
        await t.RouteAsync(RouteTarget.Agent("alice"), "+358401234567");
        await Assert.ThrowsAsync<RoutingRefusedException>(() => t.AddNumbersAsync(false, "+358401234567"));
        Assert.True((await t.Numbers().FindAsync("+358401234567", Seed.Ct))!.Owned);
    }
}
