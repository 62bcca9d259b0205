using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace LeadDesk.Store;

/// <summary>One SQLite file in WAL mode: one writer at a time (BEGIN IMMEDIATE), readers never blocked.</summary>
internal sealed class SqliteEngine : StoreEngine
{
    private readonly string _connectionString;
    private readonly string _readConnectionString;

    public SqliteEngine(string databasePath)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = (int)RoutingStore.BusyTimeout.TotalSeconds,
        }.ToString();

        // Listings never take the write lock (WAL readers do not wait for a writer) and work on a file this
        // process may not write.
        _readConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString();
    }

    public override StoreProvider Provider => StoreProvider.Sqlite;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(BusyTimeoutPragma).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override async Task<DbConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // Serializable is BEGIN IMMEDIATE here: the write lock is taken up front, so a batch never fails half-way on a
    // lock upgrade.
    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);

    public override DbTransaction BeginCallPath(DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public override async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>("PRAGMA user_version").ConfigureAwait(false);
    }

    private static string BusyTimeoutPragma =>
        "PRAGMA busy_timeout = " + ((int)RoutingStore.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    public override int Migrate(string where)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute(BusyTimeoutPragma);

        // A current file is left untouched: no write, no write lock. So opening never waits behind the other
        // process's writer and a file this process may only read still opens.
        var before = connection.ExecuteScalar<int>("PRAGMA user_version");
        if (before == Migrations.Steps.Count
            && string.Equals(connection.ExecuteScalar<string>("PRAGMA journal_mode"), "wal", StringComparison.OrdinalIgnoreCase))
        {
            return before;
        }

        // WAL lets the controller read while the CLI writes; the mode is stored in the file, so once is enough.
        connection.Execute("PRAGMA journal_mode = WAL");

        // Each step runs in its own BEGIN IMMEDIATE transaction: the write lock is taken first, so two processes
        // starting together cannot both apply a step, and the version is re-read inside the lock.
        while (true)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var version = connection.ExecuteScalar<int>("PRAGMA user_version", transaction: transaction);
            if (version > Migrations.Steps.Count)
            {
                throw TooNew(where, version);
            }

            if (version == Migrations.Steps.Count)
            {
                return Math.Min(before, version);
            }

            connection.Execute(Migrations.Steps[version].Sqlite, transaction: transaction);

            // PRAGMA takes no parameters; the value is our own step counter, never input.
            connection.Execute(
                "PRAGMA user_version = " + (version + 1).ToString(CultureInfo.InvariantCulture),
                transaction: transaction);
            transaction.Commit();
        }
    }
}
