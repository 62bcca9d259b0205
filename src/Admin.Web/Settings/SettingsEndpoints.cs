using System.Security.Claims;
using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Admin.Web.SignIn;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using Microsoft.Extensions.Options;

namespace LeadDesk.Admin.Web.Settings;

/// <summary>
/// <c>/api/settings/{agent}</c>: the agent's Settings tab. An agent user reaches only their own (403 for any
/// other); admins and support reach every agent's. The greeting lives in the database (<see cref="AgentGreetings"/>),
/// the same row a greeting recorded by phone (*97) is kept in.
/// </summary>
internal static class SettingsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings/{agentId}").WithTags("Agent settings").AddEndpointFilter(OwnAgentOnly);

        settings.MapGet("/", async (string agentId, AgentRoster roster, CancellationToken ct) =>
                ToSettings(await FindAsync(roster, agentId, ct).ConfigureAwait(false)))
            .WithSummary("The agent's not-reachable choices and greeting state");

        settings.MapPut("/unreachable", async (string agentId, UnreachableRequest request, AgentRoster roster, CancellationToken ct) =>
            {
                await roster.SetAsync(agentId, new AgentChanges(Unreachable: UnreachableDestination.Parse(request.Unreachable)), ct).ConfigureAwait(false);
                return ToSettings(await FindAsync(roster, agentId, ct).ConfigureAwait(false));
            })
            .WithSummary("Choose the not-reachable destination: none, or voicemail to one of the card's addresses");

        settings.MapPut("/availability", async (string agentId, AvailabilityRequest request, AgentRoster roster, CancellationToken ct) =>
            {
                await roster.SetLoggedInAsync(agentId, request.Available, ct).ConfigureAwait(false);
                return ToSettings(await FindAsync(roster, agentId, ct).ConfigureAwait(false));
            })
            .WithSummary("Available for calls: log the agent in (calls ring their phone) or out (callers get the not-reachable destination)");

        settings.MapGet("/greeting", async (string agentId, AgentGreetings greetings, CancellationToken ct) =>
                await greetings.FindAsync(agentId, ct).ConfigureAwait(false) is { } greeting
                    ? Results.File(greeting.Wav, "audio/wav", enableRangeProcessing: true)
                    : Results.NotFound(new ApiError("No own greeting: callers hear the default.")))
            .WithSummary("The agent's greeting as 8 kHz 16-bit mono WAV");

        settings.MapPut("/greeting", UploadAsync)
            .WithMetadata(new BodyLimit(GreetingConverter.MaxBytes + 1))
            .WithSummary("Replace the greeting with an uploaded or recorded audio file (request body; at most 10 MB and 60 s)");

        settings.MapDelete("/greeting", async (string agentId, AgentRoster roster, AgentGreetings greetings, CancellationToken ct) =>
            {
                await FindAsync(roster, agentId, ct).ConfigureAwait(false);
                await greetings.DeleteAsync(agentId, ct).ConfigureAwait(false);
                return ToSettings(await FindAsync(roster, agentId, ct).ConfigureAwait(false));
            })
            .WithSummary("Delete the greeting: callers hear the default again");
    }

    private static async ValueTask<object?> OwnAgentOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var agentId = http.GetRouteValue("agentId") as string ?? "";
        if (!http.User.MayManageAgent(agentId))
        {
            return Results.Json(new ApiError("You may only see and change your own settings."), statusCode: StatusCodes.Status403Forbidden);
        }

        return await next(context).ConfigureAwait(false);
    }

    private static async Task<IResult> UploadAsync(
        string agentId, HttpRequest request, AgentRoster roster, AgentGreetings greetings, GreetingConverter converter, TimeProvider time, CancellationToken ct)
    {
        await FindAsync(roster, agentId, ct).ConfigureAwait(false);
        if (request.ContentLength > GreetingConverter.MaxBytes)
        {
            return Results.Json(new ApiError($"The file is larger than {GreetingConverter.MaxBytes / (1024 * 1024)} MB."), statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > GreetingConverter.MaxBytes)
            {
                return Results.Json(new ApiError($"The file is larger than {GreetingConverter.MaxBytes / (1024 * 1024)} MB."), statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            body.Write(buffer, 0, read);
        }

        var (wav, _) = await converter.ConvertAsync(body.ToArray(), ct).ConfigureAwait(false);
        await greetings.SaveAsync(new AgentGreeting(agentId, AgentGreetings.RecordingNameFor(agentId), wav, time.GetUtcNow()), ct).ConfigureAwait(false);
        return Results.Ok(ToSettings(await FindAsync(roster, agentId, ct).ConfigureAwait(false)));
    }

    private static async Task<Agent> FindAsync(AgentRoster roster, string agentId, CancellationToken ct) =>
        await roster.FindAsync(agentId, ct).ConfigureAwait(false) ?? throw new RoutingRefusedException($"There is no agent '{agentId}'.");

    private static AgentSettings ToSettings(Agent agent) => new(
        agent.Id,
        agent.Name,
        agent.Emails,
        ["none", .. agent.Emails.Select(e => UnreachableDestination.VoicemailTo(e).Token)],
        agent.Unreachable.Token,
        agent.GreetingRecordedAt,
        agent.LoggedIn);
}
