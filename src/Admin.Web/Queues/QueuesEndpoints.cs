using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store.Queues;

namespace LeadDesk.Admin.Web.Queues;

/// <summary><c>/api/queues</c>: <c>queues add|list|remove</c> through <see cref="QueueRegistry"/>.</summary>
internal static class QueuesEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var queues = api.MapGroup("/queues").RequireAuthorization(AdminWebApp.AdminPolicy).WithTags("Queues");

        queues.MapGet("/", async (QueueRegistry registry, CancellationToken ct) =>
                (await registry.ListAsync(ct).ConfigureAwait(false)).Select(q => new QueueView(q.Name, q.Numbers)).ToList())
            .WithSummary("The inbound queues and the numbers that feed each");

        queues.MapPost("/", async (QueueRequest request, QueueRegistry registry, CancellationToken ct) =>
            {
                await registry.AddAsync(request.Name ?? "", ct).ConfigureAwait(false);
                return new QueueView(request.Name!.Trim(), []);
            })
            .WithSummary("Add a queue (letters, digits, - and _; the queue itself lives in Asterisk's queues.conf)");

        queues.MapDelete("/{name}", async (string name, QueueRegistry registry, CancellationToken ct) =>
            {
                await registry.RemoveAsync(name, ct).ConfigureAwait(false);
                return Results.NoContent();
            })
            .WithSummary("Remove a queue (refused while numbers route to it)");
    }
}

public sealed record QueueRequest(string? Name);

public sealed record QueueView(string Name, IReadOnlyList<string> Numbers);
