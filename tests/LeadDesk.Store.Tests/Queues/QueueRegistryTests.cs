using LeadDesk.Store;
using LeadDesk.Store.Queues;
using LeadDesk.Store.Routes;

namespace LeadDesk.Store.Tests.Queues;

public abstract class QueueRegistryTests(StoreProvider provider) : StoreTest(provider)
{
    public sealed class OnSqlite() : QueueRegistryTests(StoreProvider.Sqlite);

    public sealed class OnPostgres() : QueueRegistryTests(StoreProvider.Postgres);

    [Fact]
    public async Task A_routed_queue_cannot_be_removed()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567");
        await t.AddQueueAsync("sales");
        await t.RouteAsync(RouteTarget.Queue("sales"), "+358401234567");
        var registry = new QueueRegistry(t.Store);

        var e = await Assert.ThrowsAsync<RoutingRefusedException>(() => registry.RemoveAsync("sales", Seed.Ct));
        Assert.Contains("+358401234567", e.Message);

        await t.RouteAsync(RouteTarget.Unassigned, "+358401234567");
        await registry.RemoveAsync("sales", Seed.Ct);
        Assert.Empty(await registry.ListAsync(Seed.Ct));
    }

    [Theory]
    [InlineData("sales queue")]
    [InlineData("sales,1")]
    [InlineData("x'); DROP TABLE queues;--")]
    public async Task Queue_names_are_letters_digits_dash_underscore(string name)
    {
        using var t = NewStore();
        await Assert.ThrowsAsync<RoutingRefusedException>(() => new QueueRegistry(t.Store).AddAsync(name, Seed.Ct));
    }
}
