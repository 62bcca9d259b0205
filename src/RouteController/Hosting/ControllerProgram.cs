using LeadDesk.Store.Validation;
using LeadDesk.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LeadDesk.RouteController.Hosting;

/// <summary>
/// Runs the controller and turns a start that cannot succeed into one line naming the setting and its problem
/// and a non-zero exit, never a stack trace: systemd and Docker restart policies, and the admin reading the
/// journal, rely on both.
/// </summary>
internal static class ControllerProgram
{
    /// <summary>EX_CONFIG from sysexits.h: the configuration is wrong; restarting will not help until it is fixed.</summary>
    public const int ConfigurationError = SettingFailure.ExitCode;

    /// <summary>EX_SOFTWARE: the controller failed for a reason that is not a setting.</summary>
    public const int InternalError = 70;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            using var host = ControllerHost.CreateBuilder(args).Build();

            // Taken before RunAsync, which disposes the services. A background service that failed stops the host
            // (BackgroundServiceExceptionBehavior.StopHost) and RunAsync then returns as after a clean stop: that
            // must not read as exit 0 to a supervisor.
            var workers = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
            await host.RunAsync().ConfigureAwait(false);
            var failed = workers.Select(s => s.ExecuteTask).FirstOrDefault(t => t is { IsFaulted: true });
            if (failed?.Exception?.GetBaseException() is { } crash)
            {
                await Console.Error.WriteLineAsync("leaddesk: stopped after a failure: " + (Describe(crash)?.Message ?? crash.Message)).ConfigureAwait(false);
                return Describe(crash)?.Code ?? InternalError;
            }

            return 0;
        }
        catch (Exception e) when (Describe(e) is { } line)
        {
            await Console.Error.WriteLineAsync("leaddesk: " + line.Message).ConfigureAwait(false);
            return line.Code;
        }
    }

    /// <summary>The one line for a start-up failure and its exit code.</summary>
    internal static (string Message, int Code)? Describe(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is ControllerStartException start)
            {
                return (start.Message, ConfigurationError);
            }
        }

        if (SettingFailure.Describe(error) is { } setting)
        {
            return (setting, ConfigurationError);
        }

        return error is OperationCanceledException ? null : (error.GetType().Name + ": " + error.Message.ReplaceLineEndings(" "), InternalError);
    }
}
