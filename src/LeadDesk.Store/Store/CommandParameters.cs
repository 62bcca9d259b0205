using System.Data;
using System.Data.Common;

namespace LeadDesk.Store;

/// <summary>Typed parameters for the statements prepared by hand, on either engine.</summary>
internal static class CommandParameters
{
    /// <summary>
    /// Adds a parameter named <paramref name="name"/> (as written in the SQL, with its <c>@</c>). The type is given
    /// up front because PostgreSQL prepares a statement with its parameter types fixed.
    /// </summary>
    public static DbParameter Add(this DbCommand command, string name, DbType type = DbType.String)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
