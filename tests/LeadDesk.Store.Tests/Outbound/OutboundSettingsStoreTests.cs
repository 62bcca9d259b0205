using LeadDesk.Store;
using LeadDesk.Store.Outbound;

namespace LeadDesk.Store.Tests.Outbound;

public abstract class OutboundSettingsStoreTests(StoreProvider provider) : StoreTest(provider)
{
    public sealed class OnSqlite() : OutboundSettingsStoreTests(StoreProvider.Sqlite);

    public sealed class OnPostgres() : OutboundSettingsStoreTests(StoreProvider.Postgres);

    private static OutboundSettingsStore Settings(TempStore t) => new(t.Store, t.Normalizer);

    [Fact]
    public async Task Nothing_stored_means_no_default_caller_id_and_the_default_region_only()
    {
        using var t = NewStore();
        var settings = await Settings(t).GetAsync(Seed.Ct);
        Assert.Null(settings.DefaultCallerId);
        Assert.Equal(["FI"], settings.RegionsOrDefault("FI"));
    }

    [Fact]
    public async Task The_default_caller_id_and_regions_are_kept_normalised()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567");

        await Settings(t).SetAsync("040 123 4567", ["fi, se"], Seed.Ct);

        var stored = await Settings(t).GetAsync(Seed.Ct);
        Assert.Equal("+358401234567", stored.DefaultCallerId);
        Assert.Equal(["FI", "SE"], stored.AllowedRegions);
    }

    [Theory]
    [InlineData("+358409999999", null, "not in the number inventory")]
    [InlineData("+358401234568", null, "not owned")]
    [InlineData(null, "FI,XX", "'XX' is not a region code")]
    [InlineData(null, "Finland", "not a region code")]
    public async Task A_bad_value_is_refused_and_nothing_changes(string? cid, string? regions, string message)
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567");
        await t.AddNumbersAsync(false, "+358401234568");
        await Settings(t).SetAsync("+358401234567", ["FI"], Seed.Ct);

        var e = await Assert.ThrowsAsync<RoutingRefusedException>(() => Settings(t).SetAsync(cid, regions is null ? null : [regions], Seed.Ct));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        var after = await Settings(t).GetAsync(Seed.Ct);
        Assert.Equal("+358401234567", after.DefaultCallerId);
        Assert.Equal(["FI"], after.AllowedRegions);
    }
}
