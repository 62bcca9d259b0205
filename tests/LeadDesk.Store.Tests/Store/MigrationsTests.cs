using Dapper;
using Microsoft.Data.Sqlite;

namespace LeadDesk.Store.Tests.Store;

/// <summary>Every database a previous release left is brought forward without losing what it held.</summary>
public sealed class MigrationsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "leaddesk-migration-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Step_4_lowers_existing_agent_ids_and_their_references_without_losing_any()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "leaddesk.db");

        // A database as schema step 3 left it: ids in any case, two that differ only by case.
        await using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await c.OpenAsync(Ct);
            foreach (var step in Migrations.Steps.Take(3))
            {
                await c.ExecuteAsync(step.Sqlite);
            }

            await c.ExecuteAsync("""
                PRAGMA user_version = 3;
                INSERT INTO agents (id, name, extension, created_at) VALUES ('Alice', 'Alice', '1001', '2025-01-01T00:00:00Z');
                INSERT INTO agents (id, name, extension, created_at) VALUES ('ALICE', 'Other Alice', '1002', '2025-01-01T00:00:00Z');
                INSERT INTO agent_emails (agent_id, address, position) VALUES ('Alice', 'alice@example.com', 0);
                INSERT INTO inbound_numbers (number, owned, destination_type, agent_id, updated_at) VALUES ('+358401234567', 1, 'agent', 'Alice', '2025-01-01T00:00:00Z');
                INSERT INTO inbound_numbers (number, owned, destination_type, agent_id, updated_at) VALUES ('+358401234568', 1, 'agent', 'ALICE', '2025-01-01T00:00:00Z');
                """);
        }

        RoutingStore.Open(path);

        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        await check.OpenAsync(Ct);
        var routes = (await check.QueryAsync<(string Number, string AgentId)>("SELECT number, agent_id FROM inbound_numbers ORDER BY number")).ToList();
        Assert.Equal("alice", routes[0].AgentId);
        Assert.StartsWith("alice-", routes[1].AgentId, StringComparison.Ordinal);
        Assert.Equal(["alice@example.com"], await check.QueryAsync<string>("SELECT address FROM agent_emails WHERE agent_id = 'alice'"));
        Assert.Equal(2, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM agents"));
        Assert.Equal(Migrations.Steps.Count, await check.ExecuteScalarAsync<long>("PRAGMA user_version"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
