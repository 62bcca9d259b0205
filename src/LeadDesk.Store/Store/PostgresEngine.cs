using System.Data.Common;
using Dapper;
using Npgsql;

namespace LeadDesk.Store;

/// <summary>
/// One PostgreSQL database shared by several controllers (one per Asterisk), the CLI and the web admin. Tables live
/// in the connection's default schema (<c>public</c> unless the role's search_path says otherwise).
/// </summary>
internal sealed class PostgresEngine : StoreEngine
{
    // Advisory-lock keys: arbitrary constants of ours ("LD" and a number), held for one transaction.
    private const long MigrationLock = 0x4C44_0001;
    private const long AdminWriteLock = 0x4C44_0002;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresEngine(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);

        // The hand-prepared statements of the call path (PreparedStatement) are prepared by Npgsql after their
        // second run. A site's own setting wins, 0 included (a pooler in transaction mode cannot keep prepared
        // statements).
        if (!builder.ContainsKey("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        // Waiting for a connection (a server down, a pool exhausted) delays a caller's route: 5 s, not Npgsql's 15.
        if (!builder.ContainsKey("Timeout"))
        {
            builder.Timeout = 5;
        }

        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public override StoreProvider Provider => StoreProvider.Postgres;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    // MVCC: a reader never waits for a writer, so listings use the same pool.
    public override Task<DbConnection> OpenReadAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken);

    /// <summary>
    /// Read committed plus one advisory lock for all admin changes: they run one at a time, as on SQLite, so a change
    /// validated against the rows it read cannot interleave with another admin's. Call handling never takes it.
    /// </summary>
    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(@key)", new { key = AdminWriteLock }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override DbTransaction BeginCallPath(DbConnection connection) =>
        connection.BeginTransaction(System.Data.IsolationLevel.ReadCommitted);

    public override async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadVersionAsync(connection, null).ConfigureAwait(false);
    }

    public override int Migrate(string where)
    {
        using var connection = _dataSource.OpenConnection();
        if (ReadVersionAsync(connection, null).GetAwaiter().GetResult() is var current && current == Migrations.Steps.Count)
        {
            return current;
        }

        // All pending steps in one transaction (PostgreSQL's DDL is transactional) behind a lock, so controllers
        // starting together apply each step once and nobody sees half a schema.
        using var transaction = connection.BeginTransaction();
        connection.Execute("SELECT pg_advisory_xact_lock(@key)", new { key = MigrationLock }, transaction);
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", transaction: transaction);
        var version = ReadVersionAsync(connection, transaction).GetAwaiter().GetResult();
        if (version > Migrations.Steps.Count)
        {
            throw TooNew(where, version);
        }

        for (var step = version; step < Migrations.Steps.Count; step++)
        {
            connection.Execute(Migrations.Steps[step].Postgres, transaction: transaction);
        }

        connection.Execute("DELETE FROM schema_version", transaction: transaction);
        connection.Execute("INSERT INTO schema_version (version) VALUES (@version)", new { version = Migrations.Steps.Count }, transaction);
        transaction.Commit();
        return version;
    }

    private static async Task<int> ReadVersionAsync(DbConnection connection, DbTransaction? transaction)
    {
        var exists = await connection.ExecuteScalarAsync<bool>(
            "SELECT to_regclass('schema_version') IS NOT NULL", transaction: transaction).ConfigureAwait(false);
        return exists
            ? await connection.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM schema_version", transaction: transaction).ConfigureAwait(false) ?? 0
            : 0;
    }
}
