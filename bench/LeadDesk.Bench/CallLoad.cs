using System.Diagnostics;
using LeadDesk.Ari.Simulator;

namespace LeadDesk.Bench;

/// <summary>What one load step did.</summary>
/// <param name="ControllerCpuMsPerCall">The controller process's CPU per call over the step (includes the calls' ends).</param>
/// <param name="LoadCpuMsPerCall">This process's CPU per call: the simulator and the load generator, on the same cores.</param>
/// <param name="ControllerDecision">The controller's own share: StasisStart received to route decided (its DecisionClock).</param>
/// <param name="OutboundLatency">Agents calling out: their StasisStart handed to the websocket to the trunk leg's /channels/create.</param>
internal sealed record LoadResult(
    int Offered, double OfferedRate, double AchievedRate, int Failed, Percentiles Latency, Percentiles ControllerDecision, double ControllerCpuMsPerCall, double LoadCpuMsPerCall,
    Percentiles OutboundLatency);

/// <summary>
/// Open-loop load: calls start on a fixed schedule whether or not earlier ones have finished, as carriers
/// deliver them. A call fails when it does not end within its bound or ends the wrong way.
/// </summary>
internal sealed class CallLoad(AsteriskSimulator sim, DecisionLatencyProbe probe, BenchSite site, ControllerProcess controller)
{
    private static readonly TimeSpan CallBound = TimeSpan.FromSeconds(30);

    /// <summary>Calls of the mix (or of <paramref name="next"/>) at a fixed rate for <paramref name="duration"/>.</summary>
    public async Task<LoadResult> RunAsync(double ratePerSecond, TimeSpan duration, Func<CallSpec>? next = null)
    {
        next ??= site.NextMixed;
        probe.Take();
        probe.TakeOutbound();
        await controller.CountersAsync();   // starts the controller's decision clock afresh
        var controllerFrom = controller.CpuTime();
        var loadFrom = Process.GetCurrentProcess().TotalProcessorTime;
        var total = (int)Math.Round(ratePerSecond * duration.TotalSeconds);
        var calls = new List<Task<bool>>(total);
        var started = Stopwatch.GetTimestamp();
        var launched = 0;
        while (launched < total)
        {
            var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(started).TotalSeconds * ratePerSecond) + 1);
            for (; launched < due; launched++)
            {
                calls.Add(CallAsync(next()));
            }

            await Task.Delay(1);
        }

        var launchSeconds = Math.Max(Stopwatch.GetElapsedTime(started).TotalSeconds, duration.TotalSeconds * (total - 1) / total);
        var outcomes = await Task.WhenAll(calls);
        var decisions = (await controller.CountersAsync()).Decision;
        return new LoadResult(
            total,
            ratePerSecond,
            total / launchSeconds,
            outcomes.Count(ok => !ok),
            Percentiles.Of(probe.Take()),
            decisions,
            (controller.CpuTime() - controllerFrom).TotalMilliseconds / total,
            (Process.GetCurrentProcess().TotalProcessorTime - loadFrom).TotalMilliseconds / total,
            Percentiles.Of(probe.TakeOutbound()));
    }

    /// <summary>Places a call and follows it to its end; true when it went as the table says.</summary>
    public async Task<bool> CallAsync(CallSpec spec)
    {
        var (kind, number, extension) = spec;
        var call = await sim.PlaceInboundCallAsync(kind == CallKind.Outbound
            ? new InboundCall
            {
                // As from-agents hands it over: Stasis(leaddesk,outbound,${EXTEN}) on the agent phone's endpoint.
                Args = ["outbound", number],
                Exten = number,
                Context = "from-agents",
                Endpoint = extension!,
                CallerNumber = extension!,
                CallerName = "Bench agent",
            }
            : new InboundCall
            {
                Args = ["inbound", number],
                Exten = number,
                CallerNumber = "+358451112233",
                CallerName = "Bench caller",
            });
        if (kind == CallKind.Queue)
        {
            // A queue call lasts as long as the caller stays; the bench caller leaves after a short while.
            await Task.Delay(300);
            await call.HangUpAsync();
        }

        try
        {
            await call.Ended.WaitAsync(CallBound);
        }
        catch (TimeoutException)
        {
            return false;
        }

        return kind switch
        {
            CallKind.AgentAnswers or CallKind.Outbound => call.Answered,
            CallKind.AgentBusy => call.SipResponse == 486,
            CallKind.Unknown => call.SipResponse == 404,
            _ => true,
        };
    }
}
