using Microsoft.Extensions.Options;

namespace LeadDesk.Store.Validation;

/// <summary>
/// The one line a program prints when a setting stops it at start (and exits 78, EX_CONFIG): a bad option, store
/// setting or file, an unreachable PostgreSQL, a value the configuration binder could not convert. The controller and
/// the web admin say these alike; each adds its own cases.
/// </summary>
public static class SettingFailure
{
    /// <summary>EX_CONFIG from sysexits.h: the configuration is wrong; restarting will not help until it is fixed.</summary>
    public const int ExitCode = 78;

    /// <summary>The line for <paramref name="error"/> or one of its inner exceptions, or null when none is a setting's.</summary>
    public static string? Describe(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case OptionsValidationException options:
                    return string.Join("; ", options.Failures);
                case StoreSettingException setting:
                    return setting.Message;
                case Npgsql.NpgsqlException database:
                    // At start this is the server down, the credentials refused or no such database: a setting or a
                    // server to fix, said in one line.
                    return $"{StoreLocation.ConnectionStringKey}: cannot open the PostgreSQL store: {database.Message.ReplaceLineEndings(" ")}";
                case StoreFileException file:
                    return $"{StoreLocation.SettingKey} '{file.DatabasePath}' {file.Problem}";
                case InvalidOperationException binder when binder.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                    // The binder's own words name the key ("at 'Routing:RingTimeoutSeconds'") and the type.
                    return binder.Message.ReplaceLineEndings(" ");
            }
        }

        return null;
    }
}
