using LeadDesk.Postgres.Cluster;
using LeadDesk.Store;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.Hosting;

/// <summary>The web admin on a site whose controllers share PostgreSQL: it reads the provider settings as they do.</summary>
public class PostgresStoreTests
{
    [Fact]
    public async Task With_provider_postgres_the_web_admin_serves_and_changes_the_shared_database()
    {
        var cluster = await PostgresCluster.GetOrSkipAsync();

        var database = await cluster.CreateDatabaseAsync(WebHarness.Ct);
        try
        {
            await using var web = await WebHarness.StartAsync("--Database:Provider=postgres", $"--Database:ConnectionString={database}");
            Assert.Equal(StoreProvider.Postgres, web.Store.Provider);
            await web.AddNumbersAsync([WebHarness.Number(0), WebHarness.Number(1)]);
            await web.AddAgentAsync("alice", "1001");
            await web.AddUserAsync("root", UserRole.Admin);
            using var client = await web.SignedInAsync("root");

            using var assigned = await client.SendAsync(HttpMethod.Post, "/api/routes/assign", new { numbers = new[] { WebHarness.Number(1) }, agent = "alice" });
            Assert.True(assigned.IsSuccessStatusCode, assigned.IsSuccessStatusCode ? "" : await WebClient.ErrorAsync(assigned));
            var page = await client.GetJsonAsync("/api/routes?type=agent");

            Assert.Equal(1, page.GetProperty("total").GetInt32());
            Assert.Equal(WebHarness.Number(1), page.GetProperty("items")[0].GetProperty("number").GetString());
            // What another process on the same database (the CLI, a controller) now reads.
            var elsewhere = RoutingStore.Open(StoreLocation.Postgres(database));
            var routed = await new RouteTable(elsewhere, web.Normalizer).ListAsync(DestinationType.Agent, WebHarness.Ct);
            Assert.Equal("root via web", (await new RouteTable(elsewhere, web.Normalizer).AuditAsync(WebHarness.Number(1), 1, WebHarness.Ct))[0].Actor);
            Assert.Equal([WebHarness.Number(1)], routed.Select(r => r.Number));
        }
        finally
        {
            await cluster.DropDatabaseAsync(database);
        }
    }
}
