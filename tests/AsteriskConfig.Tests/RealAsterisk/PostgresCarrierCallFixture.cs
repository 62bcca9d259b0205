using LeadDesk.Postgres.Cluster;

namespace AsteriskConfig.Tests.RealAsterisk;

/// <summary>
/// <see cref="CarrierCallFixture"/> with the store in PostgreSQL (a database of the tests' throwaway cluster), as a
/// site of several Asterisks runs it: the route lookups, the shared agent claims and the call log of real calls go
/// through Npgsql. Skipped, naming why, without an asterisk binary or a PostgreSQL server.
/// </summary>
public sealed class PostgresCarrierCallFixture : CarrierCallFixture
{
    private PostgresCluster? _cluster;
    private string? _database;

    private string? _postgresSkipReason;

    public override string? SkipReason => base.SkipReason ?? _postgresSkipReason;

    protected override Dictionary<string, string?> StoreSettings() =>
        new() { ["Database:Provider"] = "postgres", ["Database:ConnectionString"] = _database };

    protected override async Task PrepareStoreAsync()
    {
        try
        {
            _cluster = await PostgresCluster.GetAsync();
        }
        catch (PostgresUnavailableException e)
        {
            _postgresSkipReason = "no PostgreSQL server for the tests: " + e.Message;
            return;
        }

        _database = await _cluster.CreateDatabaseAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            var database = _database;
            _database = null;
            await _cluster!.DropDatabaseAsync(database);
        }
    }
}
