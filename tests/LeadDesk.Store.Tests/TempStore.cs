using LeadDesk.Postgres.Cluster;
using LeadDesk.Store;
using LeadDesk.Store.Numbers;
using Microsoft.Data.Sqlite;

namespace LeadDesk.Store.Tests;

/// <summary>
/// A real store, thrown away afterwards: a SQLite file in its own temp directory, or a database of its own on the
/// tests' PostgreSQL server (<see cref="PostgresCluster"/>; the test skips naming the reason when none can be started).
/// </summary>
public sealed class TempStore : IDisposable
{
    private readonly string? _connectionString;

    public TempStore(TimeProvider? time = null)
        : this(StoreProvider.Sqlite, time)
    {
    }

    public TempStore(StoreProvider provider, TimeProvider? time = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "leaddesk-routing-tests", Guid.NewGuid().ToString("N"));
        if (provider == StoreProvider.Postgres)
        {
            Cluster = RequireCluster();
            _connectionString = Cluster.CreateDatabaseAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();
            Store = RoutingStore.Open(StoreLocation.Postgres(_connectionString), time);
        }
        else
        {
            Store = RoutingStore.Open(Path.Combine(Directory, "sub", "leaddesk.db"), time);
        }
    }

    public string Directory { get; }

    public RoutingStore Store { get; }

    /// <summary>The server of a PostgreSQL store; null for SQLite.</summary>
    public PostgresCluster? Cluster { get; }

    /// <summary>How a second process would name this store: <c>Database:Provider</c> and the path or connection string.</summary>
    public StoreLocation Location => _connectionString is null
        ? new StoreLocation(Store.DatabasePath, StoreLocation.SettingKey)
        : StoreLocation.Postgres(_connectionString);

    public PhoneNumberNormalizer Normalizer { get; } = new("FI");

    /// <summary>The tests' PostgreSQL server, or a skip naming why there is none.</summary>
    public static PostgresCluster RequireCluster() => PostgresCluster.GetOrSkipAsync().GetAwaiter().GetResult();

    public void Dispose()
    {
        if (_connectionString is not null)
        {
            Cluster!.DropDatabaseAsync(_connectionString).GetAwaiter().GetResult();
            return;
        }

        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
