using Dapper;
using LeadDesk.Store;
using LeadDesk.Store.Numbers;

namespace LeadDesk.Store.Tests.Store;

/// <summary>A PostgreSQL store: where its tables go and how several processes opening it at once agree.</summary>
public class PostgresStoreTests
{
    [Fact]
    public async Task Opening_a_new_database_creates_the_tables_in_public_at_the_latest_version()
    {
        using var temp = new TempStore(StoreProvider.Postgres);
        Assert.Equal(RoutingStore.LatestSchemaVersion, await temp.Store.GetSchemaVersionAsync(Seed.Ct));
        await using var c = await temp.Store.OpenConnectionAsync(Seed.Ct);
        var tables = (await c.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).ToHashSet();
        foreach (var t in new[] { "schema_version", "inbound_numbers", "agents", "users", "call_log", "voicemail_outbox", "voicemail_recordings", "campaigns" })
        {
            Assert.Contains(t, tables);
        }
    }

    [Fact]
    public async Task Controllers_starting_together_apply_each_step_once()
    {
        var cluster = TempStore.RequireCluster();
        var connectionString = await cluster.CreateDatabaseAsync(Seed.Ct);
        try
        {
            var location = StoreLocation.Postgres(connectionString);
            var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => RoutingStore.Open(location), Seed.Ct)));

            Assert.All(stores, s => Assert.Equal(StoreProvider.Postgres, s.Provider));
            await using var c = await stores[0].OpenConnectionAsync(Seed.Ct);
            Assert.Equal([(long)RoutingStore.LatestSchemaVersion], await c.QueryAsync<long>("SELECT version FROM schema_version"));
        }
        finally
        {
            await cluster.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task A_second_process_sees_what_the_first_wrote()
    {
        using var temp = new TempStore(StoreProvider.Postgres);
        await new NumberInventory(temp.Store, temp.Normalizer).AddAsync([new(new("+358401234567"), "x", true)], Seed.Ct);

        var again = RoutingStore.Open(temp.Location);

        Assert.Single(await new NumberInventory(again, temp.Normalizer).ListAsync(Seed.Ct));
        Assert.StartsWith("postgres://127.0.0.1:", again.DatabasePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_route_lookup_survives_the_server_dropping_its_kept_connection()
    {
        using var temp = new TempStore(StoreProvider.Postgres);
        await new NumberInventory(temp.Store, temp.Normalizer).AddAsync([new(new("+358401234567"), "x", true)], Seed.Ct);
        using var directory = new LeadDesk.Store.Routes.RouteDirectory(temp.Store);
        Assert.NotNull(await directory.FindAsync("+358401234567", Seed.Ct));

        // What a server restart or failover does to every connection the controller keeps.
        await using (var admin = await temp.Store.OpenConnectionAsync(Seed.Ct))
        {
            await admin.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        }

        Assert.NotNull(await directory.FindAsync("+358401234567", Seed.Ct));
    }

    [Fact]
    public void A_connection_string_that_is_not_one_is_refused_in_one_line()
    {
        var e = Assert.Throws<StoreSettingException>(() => StoreLocation.Postgres("Host=127.0.0.1;Bogus Key=1"));
        Assert.StartsWith("Database:ConnectionString is not a PostgreSQL connection string", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
