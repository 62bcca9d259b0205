using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace LeadDesk.Store;

/// <summary>
/// The SQLite file shared by the admin CLI and the route controller. Opening it creates the directory and the
/// schema (running any migrations the file has not had yet); each operation then takes a pooled connection, so
/// nothing is cached in memory and a change made by one process is seen by the other on its next read.
/// </summary>
public sealed class RoutingStore
{
    /// <summary>The configuration key every process of the product reads the database file from.</summary>
    public const string PathSetting = "Database:Path";

    /// <summary>Where the database lives when neither <c>--db</c> nor <c>Database:Path</c> says otherwise.</summary>
    public const string DefaultPath = "./data/leaddesk.db";

    /// <summary>How long a writer waits for the other process's transaction before giving up.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private readonly string _connectionString;

    private RoutingStore(string databasePath, TimeProvider time)
    {
        DatabasePath = databasePath;
        Time = time;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The clock used for audit, call-log and outbox timestamps (a fake one in tests).</summary>
    public TimeProvider Time { get; }

    /// <summary>The schema version the file is at after opening.</summary>
    public static int LatestSchemaVersion => Migrations.Steps.Count;

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and brings its schema up to date.</summary>
    public static RoutingStore Open(string? path = null, TimeProvider? time = null)
    {
        var fullPath = Path.GetFullPath(string.IsNullOrWhiteSpace(path) ? DefaultPath : path);
        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var store = new RoutingStore(fullPath, time ?? TimeProvider.System);
        store.Migrate();
        return store;
    }

    /// <summary>An open connection with the per-connection settings applied; the caller disposes it.</summary>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
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

    /// <summary>The version recorded in the file (<c>PRAGMA user_version</c>).</summary>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>("PRAGMA user_version").ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE, so the write lock is taken up front
    /// and a batch never fails half-way on a lock upgrade); it commits only if <paramref name="work"/> returns.
    /// </summary>
    internal async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(
            System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    internal string Now() => Timestamps.Format(Time.GetUtcNow());

    private static string BusyTimeoutPragma =>
        "PRAGMA busy_timeout = " + ((int)BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    private void Migrate()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute(BusyTimeoutPragma);

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
                throw new InvalidOperationException(
                    $"The database {DatabasePath} has schema version {version}, newer than this program knows ({Migrations.Steps.Count}).");
            }

            if (version == Migrations.Steps.Count)
            {
                return;
            }

            connection.Execute(Migrations.Steps[version], transaction: transaction);

            // PRAGMA takes no parameters; the value is our own step counter, never input.
            connection.Execute(
                "PRAGMA user_version = " + (version + 1).ToString(CultureInfo.InvariantCulture),
                transaction: transaction);
            transaction.Commit();
        }
    }
}
