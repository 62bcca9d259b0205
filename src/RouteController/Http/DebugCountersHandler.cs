using System.Text.Json;
using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Health;
using Microsoft.AspNetCore.Http;

namespace LeadDesk.RouteController.Http;

/// <summary>
/// <c>GET /debug/counters[?collect=1]</c>, only with <c>Health:Diagnostics</c>: memory, CPU and per-call state for
/// the benchmarks (<see cref="ProcessCounters"/>). <c>collect=1</c> forces a full GC first.
/// </summary>
internal sealed class DebugCountersHandler(CallRegistry calls, Agents.AgentClaims claims, CallSupervisor supervisor, DecisionClock decisions)
{
    public Task HandleAsync(HttpContext context)
    {
        var collect = context.Request.Query["collect"] == "1";
        var body = JsonSerializer.SerializeToUtf8Bytes(ProcessCounters.Read(calls, claims, supervisor, decisions, collect));
        return Answer.WriteAsync(context.Response, StatusCodes.Status200OK, "application/json", body);
    }
}
