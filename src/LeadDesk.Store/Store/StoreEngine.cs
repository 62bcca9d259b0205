using System.Data.Common;

namespace LeadDesk.Store;

/// <summary>
/// What differs between the two engines behind <see cref="RoutingStore"/>: how a connection is opened, how a write
/// transaction keeps writers apart, and where the schema version is kept. Everything else (the SQL of the store
/// classes) is written once for both.
/// </summary>
internal abstract class StoreEngine
{
    public abstract StoreProvider Provider { get; }

    /// <summary>A pooled connection, open, with the engine's per-connection settings applied.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A connection for listings that never waits behind a writer.</summary>
    public abstract Task<DbConnection> OpenReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A transaction in which reads and the writes based on them see no other writer's change: admin changes
    /// validate first and then write, all or nothing, exactly as the CLI promises.
    /// </summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// A transaction for the call path's own rows (call log, outbox): on SQLite the write lock up front like every
    /// writer of the file; on PostgreSQL a plain one that never waits behind an admin change.
    /// </summary>
    public abstract DbTransaction BeginCallPath(DbConnection connection);

    /// <summary>The schema version the database is at.</summary>
    public abstract Task<int> SchemaVersionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Brings the schema to <see cref="Migrations.Steps"/>' length; safe when several processes start at once.
    /// Returns the version the database was at before.
    /// </summary>
    public abstract int Migrate(string where);

    protected static InvalidOperationException TooNew(string where, int version) =>
        new($"The database {where} has schema version {version}, newer than this program knows ({Migrations.Steps.Count}).");
}
