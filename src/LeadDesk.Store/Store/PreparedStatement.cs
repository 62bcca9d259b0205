using Microsoft.Data.Sqlite;

namespace LeadDesk.Store;

/// <summary>
/// One SQL statement prepared once and run many times: in a bulk change (10,000 numbers in one transaction) or
/// on a connection a process keeps (the call log). Microsoft.Data.Sqlite prepares a fresh statement per command
/// execution otherwise, and preparing costs more than running (bench/: 10,000-number assign 1.2 s -> see README).
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly SqliteCommand _command;

    public PreparedStatement(SqliteConnection connection, SqliteTransaction? transaction, string sql, params string[] parameters)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql;
        foreach (var name in parameters)
        {
            _command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        _command.Prepare();
    }

    /// <summary>For a statement kept across transactions: the transaction its next runs belong to.</summary>
    public SqliteTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    /// <summary>The command with its parameters set, in the order they were declared; null is SQL NULL.</summary>
    public SqliteCommand With(params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return _command;
    }

    public void Dispose() => _command.Dispose();
}
