using LeadDesk.RouteController.Calls;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using LeadDesk.RouteController.Hosting;

namespace LeadDesk.RouteController.Recovery;

/// <summary>
/// Shutdown (SIGTERM): stop taking calls, end ringing ones busy, leave conversations talking in Asterisk
/// for the next start to adopt, and be gone within seconds. Registered after <see cref="AriWorker"/> so it
/// stops first, while the websocket still delivers the events draining waits for.
/// </summary>
internal sealed partial class CallDrain(CallRegistry registry, CallSupervisor supervisor, ILogger<CallDrain> logger) : IHostedService
{
    /// <summary>Within the 5 s a supervisor gives between SIGTERM and SIGKILL, with room for the rest of shutdown.</summary>
    internal static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan AfterAbort = TimeSpan.FromSeconds(1);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        LogDraining(registry.ActiveCalls);
        registry.BeginDraining();
        var running = supervisor.Running;
        if (running.Count > 0)
        {
            await Task.WhenAny(Task.WhenAll(running), Task.Delay(Grace, cancellationToken)).ConfigureAwait(false);
        }

        supervisor.Abort();

        // Aborted calls still run their clean-up and write their call-log rows; the call-log writer stops after
        // this service, so give them a moment (bounded: the process must be gone within 5 s of SIGTERM).
        running = supervisor.Running;
        if (running.Count > 0)
        {
            await Task.WhenAny(Task.WhenAll(running), Task.Delay(AfterAbort, CancellationToken.None)).ConfigureAwait(false);
        }

        LogDrained(registry.ActiveCalls);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: no new calls; ending {ActiveCalls} call(s) in progress")]
    private partial void LogDraining(int activeCalls);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped taking calls; {Remaining} call(s) left to Asterisk")]
    private partial void LogDrained(int remaining);
}
