using System.Text.Json;
using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.CallLog;
using LeadDesk.Store.Status;
using Microsoft.Extensions.Options;

namespace LeadDesk.Admin.Web.Status;

/// <summary>
/// <c>/api/status</c>: what <c>leaddesk-admin status</c> says (the controller's <c>/healthz</c> at
/// <c>WebAdmin:ControllerUrl</c>, read by the same <see cref="ControllerHealth"/>, and the last hour of the call log by
/// outcome); <c>/api/agents/presence</c>: who is logged in and who is on a call now.
/// </summary>
internal static class StatusEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/status", async (IOptions<WebAdminOptions> options, CallLogStore log, TimeProvider time, CancellationToken ct) =>
            {
                var url = options.Value.ControllerUri;
                JsonElement? health = null;
                string? unreachable = null;
                try
                {
                    using var report = await ControllerHealth.FetchAsync(new Uri(url, "healthz"), ct).ConfigureAwait(false);
                    health = report.RootElement.Clone();
                }
                catch (Exception e) when (e is IOException or InvalidDataException)
                {
                    unreachable = e.Message;
                }

                var counts = await log.CountOutcomesSinceAsync(time.GetUtcNow().AddHours(-1), ct).ConfigureAwait(false);
                var lastHour = Enum.GetValues<CallOutcome>().ToDictionary(o => o.ToToken(), o => counts.GetValueOrDefault(o));
                return new StatusResponse(url.ToString(), unreachable, health, lastHour);
            })
            .RequireAuthorization(AdminWebApp.AdminPolicy)
            .WithTags("Status")
            .WithSummary("The controller's health report (null with the reason when it cannot be reached) and the last hour of calls by outcome");

        api.MapGet("/agents/presence", async (IOptions<WebAdminOptions> options, RoutingStore store, AgentRoster roster, CancellationToken ct) =>
            {
                var agents = await roster.ListAsync(ct).ConfigureAwait(false);
                var loggedIn = agents.Where(a => a.LoggedIn).Select(a => a.Id).ToList();
                if (store.Provider == StoreProvider.Postgres)
                {
                    var held = await new SharedAgentClaims(store).ListHeldAsync(ct).ConfigureAwait(false);
                    return new PresenceResponse(loggedIn, held, "database", null);
                }

                try
                {
                    var held = await ControllerHealth.ClaimsAsync(options.Value.ControllerUri, ct).ConfigureAwait(false);
                    return new PresenceResponse(loggedIn, held, "controller", null);
                }
                catch (IOException e)
                {
                    return new PresenceResponse(loggedIn, null, "controller", $"Who is on a call is not known: {e.Message}.");
                }
            })
            .RequireAuthorization(AdminWebApp.AdminPolicy)
            .WithTags("Agents")
            .WithSummary("Agents logged in, and agents on a call now (from the claims table with PostgreSQL, else from the controller at WebAdmin:ControllerUrl; null with the reason when it cannot be reached)");
    }
}

/// <param name="Unreachable">Why the controller could not be asked; null when <see cref="Health"/> is its report.</param>
public sealed record StatusResponse(string ControllerUrl, string? Unreachable, JsonElement? Health, IReadOnlyDictionary<string, int> LastHourByOutcome);

/// <param name="OnCall">Null when not known (the controller cannot be reached: <see cref="Problem"/> says so).</param>
/// <param name="Source"><c>database</c> (PostgreSQL: every controller's claims) or <c>controller</c> (SQLite: the one controller's memory).</param>
public sealed record PresenceResponse(IReadOnlyList<string> LoggedIn, IReadOnlyList<AgentOnCall>? OnCall, string Source, string? Problem);
