using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store;
using LeadDesk.Store.Agents;

namespace LeadDesk.Admin.Web.Agents;

/// <summary><c>/api/agents</c>: the agents list, one agent's card, and logging an agent in or out.</summary>
internal static class AgentsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var agents = api.MapGroup("/agents").RequireAuthorization(AdminWebApp.AdminPolicy).WithTags("Agents");

        agents.MapGet("/", async (AgentRoster roster, CancellationToken ct) =>
                (await roster.ListAsync(ct).ConfigureAwait(false)).Select(AgentCard.From).ToList())
            .WithSummary("All agents with their information cards");

        agents.MapGet("/{id}", async (string id, AgentRoster roster, CancellationToken ct) =>
                await roster.FindAsync(id, ct).ConfigureAwait(false) is { } agent
                    ? Results.Ok(AgentCard.From(agent))
                    : Results.NotFound(new ApiError($"There is no agent '{id}'.")))
            .WithSummary("One agent's information card");

        agents.MapPost("/{id}/login", (string id, AgentRoster roster, CancellationToken ct) => SetLoggedInAsync(roster, id, true, ct))
            .WithSummary("Log the agent in: calls ring their phone");
        agents.MapPost("/{id}/logout", (string id, AgentRoster roster, CancellationToken ct) => SetLoggedInAsync(roster, id, false, ct))
            .WithSummary("Log the agent out: calls go to their not-reachable destination");
    }

    private static async Task<IResult> SetLoggedInAsync(AgentRoster roster, string id, bool loggedIn, CancellationToken ct)
    {
        await roster.SetLoggedInAsync(id, loggedIn, ct).ConfigureAwait(false);
        var agent = await roster.FindAsync(id, ct).ConfigureAwait(false) ?? throw new RoutingRefusedException($"There is no agent '{id}'.");
        return Results.Ok(AgentCard.From(agent));
    }
}
