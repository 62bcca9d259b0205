using System.Data.Common;

namespace LeadDesk.Store;

/// <summary>
/// One SQL statement prepared once and run many times: in a bulk change (10,000 numbers in one transaction) or
/// on a connection a process keeps (the call log). Microsoft.Data.Sqlite prepares a fresh statement per command
/// execution otherwise, and preparing costs more than running (bench/: 10,000-number assign 1.2 s -> see README).
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly DbCommand _command;

    public PreparedStatement(DbConnection connection, DbTransaction? transaction, string sql, params string[] parameters)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = name;
            _command.Parameters.Add(parameter);
        }

        // Npgsql prepares a statement with its parameter types fixed, which these untyped parameters do not have
        // yet; there the connection's automatic preparation (RoutingStore) does it after the first runs instead.
        if (connection is Microsoft.Data.Sqlite.SqliteConnection)
        {
            _command.Prepare();
        }
    }

    /// <summary>For a statement kept across transactions: the transaction its next runs belong to.</summary>
    public DbTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    /// <summary>The command with its parameters set, in the order they were declared; null is SQL NULL.</summary>
    public DbCommand With(params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return _command;
    }

    public void Dispose() => _command.Dispose();
}
