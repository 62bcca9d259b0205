using System.Net;
using System.Net.Sockets;
using LeadDesk.Postgres.Cluster;
using LeadDesk.Store;

namespace Admin.Cli.Tests.Commands;

/// <summary><c>migrate</c>, and the CLI on either engine as <c>Database:Provider</c> says.</summary>
public class MigrateCommandTests
{
    [Fact]
    public async Task Migrate_brings_a_new_file_to_the_latest_version_and_then_says_it_is_there()
    {
        using var cli = new CliRun();

        var (code, output, err) = await cli.RunAsync("migrate");
        Assert.True(code == 0, err);
        Assert.Equal($"{cli.DbPath}: schema version 0 -> {RoutingStore.LatestSchemaVersion}.", output.Trim());

        (code, output, _) = await cli.RunAsync("migrate");
        Assert.Equal(0, code);
        Assert.Equal($"{cli.DbPath}: already at schema version {RoutingStore.LatestSchemaVersion}.", output.Trim());
    }

    [Fact]
    public async Task With_provider_postgres_the_cli_migrates_and_edits_the_shared_database()
    {
        var cluster = await PostgresCluster.GetOrSkipAsync();
        var connectionString = await cluster.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        try
        {
            using var cli = new CliRun(new() { ["Database:Provider"] = "postgres", ["Database:ConnectionString"] = connectionString });

            var (code, output, err) = await cli.RunWithoutDbAsync("migrate", "--json");
            Assert.True(code == 0, err);
            Assert.Contains($"\"to\": {RoutingStore.LatestSchemaVersion}", output, StringComparison.Ordinal);
            Assert.Contains("\"provider\": \"postgres\"", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Password", output, StringComparison.OrdinalIgnoreCase);

            (code, _, err) = await cli.RunWithoutDbAsync("agents", "add", "alice", "--name", "Alice", "--extension", "1001", "--email", "alice@example.com");
            Assert.True(code == 0, err);
            (code, output, _) = await cli.RunWithoutDbAsync("agents", "list", "--json");
            Assert.Equal(0, code);
            Assert.Contains("\"alice\"", output, StringComparison.Ordinal);
            Assert.False(File.Exists(cli.DbPath));
        }
        finally
        {
            await cluster.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task An_unknown_provider_is_one_line_and_a_non_zero_exit_and_creates_nothing()
    {
        using var cli = new CliRun(new() { ["Database:Provider"] = "mysql", ["XDG_DATA_HOME"] = "/nonexistent-leaddesk-test" });

        var (code, output, err) = await cli.RunWithoutDbAsync("agents", "list");

        Assert.Equal(3, code);
        Assert.Equal("", output);
        Assert.Equal("store failed: Database:Provider 'mysql' is not one of: sqlite, postgres.", err.Trim());
        Assert.False(Directory.Exists("/nonexistent-leaddesk-test"));
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_is_refused_in_one_line()
    {
        using var cli = new CliRun(new() { ["Database:Provider"] = "postgres" });

        var (code, _, err) = await cli.RunWithoutDbAsync("migrate");

        Assert.Equal(3, code);
        Assert.Equal("store failed: Database:ConnectionString is required when Database:Provider is postgres.", err.Trim());
    }

    [Fact]
    public async Task A_postgres_server_that_is_not_there_is_one_line_naming_the_server()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var cli = new CliRun(new()
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = $"Host=127.0.0.1;Port={port};Username=leaddesk;Password=placeholder;Database=leaddesk;Timeout=3",
        });

        var (code, _, err) = await cli.RunWithoutDbAsync("agents", "list");

        Assert.Equal(3, code);
        var line = Assert.Single(err.Trim().Split('\n'));
        Assert.StartsWith($"store failed (postgres://127.0.0.1:{port}/leaddesk): ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("placeholder", line, StringComparison.Ordinal);
    }
}
