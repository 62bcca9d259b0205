using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Outbound;

namespace LeadDesk.Admin.Web.Agents;

/// <summary>
/// <c>/api/agents</c>: the agents list, one agent's information card with "Calls out as", creating, changing and
/// removing agents (<c>agents add|set|remove</c> through <see cref="AgentRoster"/>: the same checks, messages and
/// callback warnings), and logging an agent in or out.
/// </summary>
internal static class AgentsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var agents = api.MapGroup("/agents").RequireAuthorization(AdminWebApp.AdminPolicy).WithTags("Agents");

        agents.MapGet("/", async (AgentRoster roster, CancellationToken ct) =>
                (await roster.ListAsync(ct).ConfigureAwait(false)).Select(AgentCard.From).ToList())
            .WithSummary("All agents with their information cards");

        agents.MapGet("/{id}", async (string id, AgentRoster roster, CallerIdLookup callerIds, CancellationToken ct) =>
                await roster.FindAsync(id, ct).ConfigureAwait(false) is { } agent
                    ? Results.Ok(AgentCard.From(agent, await callerIds.ForAgentAsync(agent.Id, ct).ConfigureAwait(false)))
                    : Results.NotFound(new ApiError($"There is no agent '{id}'.")))
            .WithSummary("One agent's information card, with the caller ID their calls carry now and why");

        agents.MapPost("/", async (AgentRequest request, AgentRoster roster, CallerIdLookup callerIds, CancellationToken ct) =>
            {
                var id = (request.Id ?? "").Trim();
                // The card, then what needs it (a campaign, the voicemail address) in the same transaction: a refusal
                // of either leaves nothing written.
                var then = string.IsNullOrWhiteSpace(request.Campaign) && request.Unreachable is null
                    ? null
                    : Changes(request with { Name = null, Extension = null, Emails = null, OutboundCallerId = null });
                var warnings = await roster.AddAsync(id, request.Name ?? "", request.Extension ?? "", request.Emails ?? [], Blank(request.OutboundCallerId), then, ct).ConfigureAwait(false);
                return await ResultAsync(roster, callerIds, id, "added", warnings, ct).ConfigureAwait(false);
            })
            .WithSummary("Create an agent: id, name, extension, e-mail addresses; optional outbound caller ID, campaign and not-reachable destination (warnings: the caller ID does not route back)");

        agents.MapPut("/{id}", async (string id, AgentRequest request, AgentRoster roster, CallerIdLookup callerIds, CancellationToken ct) =>
            {
                var warnings = await roster.SetAsync(id, Changes(request), ct).ConfigureAwait(false);
                return await ResultAsync(roster, callerIds, id, "updated", warnings, ct).ConfigureAwait(false);
            })
            .WithSummary("Change an agent's card; a null field is left as it is (outboundCallerId and campaign: empty clears)");

        agents.MapDelete("/{id}", async (string id, AgentRoster roster, CancellationToken ct) =>
            {
                await roster.RemoveAsync(id, ct).ConfigureAwait(false);
                return Results.NoContent();
            })
            .WithSummary("Remove an agent (refused while numbers route to them)");

        agents.MapPost("/{id}/login", (string id, AgentRoster roster, CancellationToken ct) => SetLoggedInAsync(roster, id, true, ct))
            .WithSummary("Log the agent in: calls ring their phone");
        agents.MapPost("/{id}/logout", (string id, AgentRoster roster, CancellationToken ct) => SetLoggedInAsync(roster, id, false, ct))
            .WithSummary("Log the agent out: calls go to their not-reachable destination");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static AgentChanges Changes(AgentRequest r) => new(
        r.Name,
        r.Extension,
        r.Emails,
        r.OutboundCallerId is null ? null : string.IsNullOrWhiteSpace(r.OutboundCallerId) ? "none" : r.OutboundCallerId,
        r.Unreachable is null ? null : UnreachableDestination.Parse(r.Unreachable),
        r.Campaign is null ? null : string.IsNullOrWhiteSpace(r.Campaign) ? "none" : r.Campaign);

    private static async Task<AgentResult> ResultAsync(AgentRoster roster, CallerIdLookup callerIds, string id, string what, IReadOnlyList<string> warnings, CancellationToken ct)
    {
        var agent = await roster.FindAsync(id, ct).ConfigureAwait(false) ?? throw new RoutingRefusedException($"There is no agent '{id}'.");
        return new AgentResult(AgentCard.From(agent, await callerIds.ForAgentAsync(agent.Id, ct).ConfigureAwait(false)), what, warnings);
    }

    private static async Task<IResult> SetLoggedInAsync(AgentRoster roster, string id, bool loggedIn, CancellationToken ct)
    {
        await roster.SetLoggedInAsync(id, loggedIn, ct).ConfigureAwait(false);
        var agent = await roster.FindAsync(id, ct).ConfigureAwait(false) ?? throw new RoutingRefusedException($"There is no agent '{id}'.");
        return Results.Ok(AgentCard.From(agent));
    }
}

/// <summary>An agent's card as the form sends it; null leaves a field (on a change).</summary>
/// <param name="Unreachable"><c>none</c> or <c>voicemail:ADDRESS</c>.</param>
public sealed record AgentRequest(
    string? Id, string? Name, string? Extension, IReadOnlyList<string>? Emails, string? OutboundCallerId, string? Campaign, string? Unreachable);

/// <param name="Warnings">The CLI's warnings, e.g. <c>callbacks to +358... go to queue support, not to alice</c>.</param>
public sealed record AgentResult(AgentCard Agent, string Result, IReadOnlyList<string> Warnings);
