using Dapper;
using LeadDesk.Store;
using LeadDesk.Store.Numbers;

namespace LeadDesk.Store.Tests.Store;

public class RoutingStoreTests
{
    [Fact]
    public async Task Opening_creates_the_directory_and_migrates_to_the_latest_version()
    {
        using var temp = new TempStore();
        Assert.True(File.Exists(temp.Store.DatabasePath));
        Assert.True(Path.IsPathRooted(temp.Store.DatabasePath));
        Assert.Equal(RoutingStore.LatestSchemaVersion, await temp.Store.GetSchemaVersionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Connections_use_wal_foreign_keys_and_a_busy_timeout()
    {
        using var temp = new TempStore();
        await using var c = await temp.Store.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal("wal", await c.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("PRAGMA foreign_keys"));
        Assert.Equal(5000, await c.ExecuteScalarAsync<int>("PRAGMA busy_timeout"));
    }

    [Fact]
    public async Task Reopening_an_existing_file_keeps_its_data()
    {
        using var temp = new TempStore();
        await new NumberInventory(temp.Store, temp.Normalizer).AddAsync(
            [new(new("+358401234567"), "x", true)], TestContext.Current.CancellationToken);
        var again = RoutingStore.Open(temp.Store.DatabasePath);
        Assert.Single(await new NumberInventory(again, temp.Normalizer).ListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_schema_has_the_tables_the_controller_will_need()
    {
        using var temp = new TempStore();
        await using var c = await temp.Store.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var tables = (await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToHashSet();
        foreach (var t in new[] { "inbound_numbers", "agents", "agent_emails", "queues", "custom_destinations", "route_audit", "call_log", "voicemail_outbox", "agent_greetings" })
        {
            Assert.Contains(t, tables);
        }
    }
}
