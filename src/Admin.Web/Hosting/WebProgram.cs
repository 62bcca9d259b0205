using LeadDesk.Store.Validation;

namespace LeadDesk.Admin.Web.Hosting;

/// <summary>
/// Runs the web admin and turns a start that cannot succeed into one line naming the setting and its problem and
/// exit 78 (EX_CONFIG), as the controller does: never a stack trace.
/// </summary>
public static class WebProgram
{
    /// <summary>EX_CONFIG: the configuration is wrong; restarting will not help until it is fixed.</summary>
    public const int ConfigurationError = SettingFailure.ExitCode;

    /// <summary>EX_SOFTWARE: a failure that is not a setting.</summary>
    public const int InternalError = 70;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            await using var app = AdminWebApp.Build(args);
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (Describe(e) is { } line)
        {
            await Console.Error.WriteLineAsync("leaddesk-web: " + line.Message).ConfigureAwait(false);
            return line.Code;
        }
    }

    /// <summary>The one line for a start-up failure and its exit code.</summary>
    internal static (string Message, int Code)? Describe(Exception error)
    {
        if (SettingFailure.Describe(error) is { } setting)
        {
            return (setting, ConfigurationError);
        }

        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is IOException bind && bind.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                return ("cannot listen: " + bind.Message.ReplaceLineEndings(" "), ConfigurationError);
            }
        }

        return error is OperationCanceledException ? null : (error.GetType().Name + ": " + error.Message.ReplaceLineEndings(" "), InternalError);
    }
}
