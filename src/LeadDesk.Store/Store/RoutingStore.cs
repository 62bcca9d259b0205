using System.Data.Common;

namespace LeadDesk.Store;

/// <summary>
/// The database shared by the admin CLI, the web admin and the route controller: a SQLite file (the default) or a
/// PostgreSQL database several controllers share (<see cref="StoreLocation"/>). Opening it brings the schema up to
/// date (running any migrations it has not had yet); each operation then takes a pooled connection, so nothing is
/// cached in memory and a change made by one process is seen by the others on their next read.
/// </summary>
public sealed class RoutingStore
{
    /// <summary>How long a SQLite writer waits for the other process's transaction before giving up.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private readonly StoreEngine _engine;

    private RoutingStore(StoreEngine engine, string where, int migratedFrom, TimeProvider time)
    {
        _engine = engine;
        MigratedFrom = migratedFrom;
        DatabasePath = where;
        Time = time;
    }

    /// <summary>Where the data is: the SQLite file's absolute path, or <c>postgres://host:port/database</c>.</summary>
    public string DatabasePath { get; }

    /// <summary>The engine: SQLite (one controller) or PostgreSQL (shared by several).</summary>
    public StoreProvider Provider => _engine.Provider;

    /// <summary>The clock used for audit, call-log and outbox timestamps (a fake one in tests).</summary>
    public TimeProvider Time { get; }

    /// <summary>The schema version the database was at before this open brought it up to date (0: it was new).</summary>
    public int MigratedFrom { get; }

    /// <summary>
    /// Files of an existing SQLite database that were readable or writable by others and were made the owner's only
    /// (0600) when it was opened; empty when there were none. Each program says so in one log line.
    /// </summary>
    public IReadOnlyList<string> TightenedFiles { get; private set; } = [];

    /// <summary>One line naming <see cref="TightenedFiles"/>, or null when there were none.</summary>
    public string? TightenedNotice => TightenedFiles.Count == 0
        ? null
        : $"Made {string.Join(", ", TightenedFiles)} readable by its owner only (0600): the database holds password hashes and recordings.";

    /// <summary>The schema version the database is at after opening.</summary>
    public static int LatestSchemaVersion => Migrations.Steps.Count;

    /// <summary>
    /// Opens (creating if needed) the SQLite file at <paramref name="path"/> (default: <see cref="StoreLocation.DefaultPath"/>)
    /// and brings its schema up to date.
    /// </summary>
    /// <exception cref="StoreFileException">The path is a directory, not SQLite, or another program's database.</exception>
    public static RoutingStore Open(string? path = null, TimeProvider? time = null)
    {
        var fullPath = Path.GetFullPath(string.IsNullOrWhiteSpace(path) ? StoreLocation.DefaultPath() : path);
        if (StoreFileCheck.Problem(fullPath) is { } problem)
        {
            throw new StoreFileException(fullPath, problem);
        }

        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            PrivateFiles.EnsureDirectory(directory);
        }

        // Created 0600 before SQLite sees it: SQLite gives its -wal and -shm files the database file's mode.
        PrivateFiles.EnsureFile(fullPath);
        var tightened = PrivateFiles.Tighten(PrivateFiles.SqliteFiles(fullPath));
        var store = Opened(new SqliteEngine(fullPath), fullPath, time);
        store.TightenedFiles = tightened;
        return store;
    }

    /// <summary>Opens the store <paramref name="location"/> names, of either engine, and brings its schema up to date.</summary>
    /// <exception cref="StoreFileException">A SQLite path that cannot be LeadDesk's database.</exception>
    /// <exception cref="Npgsql.NpgsqlException">The PostgreSQL server cannot be reached or refused the connection.</exception>
    public static RoutingStore Open(StoreLocation location, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Provider == StoreProvider.Postgres
            ? Opened(new PostgresEngine(location.ConnectionString!), location.Path, time)
            : Open(location.Path, time);
    }

    private static RoutingStore Opened(StoreEngine engine, string where, TimeProvider? time)
    {
        var before = engine.Migrate(where);
        return new RoutingStore(engine, where, before, time ?? TimeProvider.System);
    }

    /// <summary>An open connection with the per-connection settings applied; the caller disposes it.</summary>
    public Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        _engine.OpenAsync(cancellationToken);

    /// <summary>
    /// A connection for listings: it never waits for a writer (on SQLite it is <c>Mode=ReadOnly</c> and works on a
    /// file this process cannot write). The caller disposes it.
    /// </summary>
    public Task<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken = default) =>
        _engine.OpenReadAsync(cancellationToken);

    /// <summary>The version recorded in the database.</summary>
    public Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default) =>
        _engine.SchemaVersionAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction that no other admin change interleaves with; it
    /// commits only if <paramref name="work"/> returns.
    /// </summary>
    internal async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _engine.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc cref="StoreEngine.BeginCallPath"/>
    internal DbTransaction BeginCallPath(DbConnection connection) => _engine.BeginCallPath(connection);

    internal string Now() => Timestamps.Format(Time.GetUtcNow());
}
