using System.Security.Claims;
using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Admin.Web.SignIn;
using LeadDesk.Store;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Queues;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Validation;

namespace LeadDesk.Admin.Web.Routes;

/// <summary>
/// <c>/api/routes</c>: the Inbound routes table (paged in SQL), the edit pop-up of one number and the assign
/// pop-up of many. Changes go through <see cref="RouteTable"/>, the CLI's own code, so the checks and the
/// messages are the CLI's; the audit names the web user.
/// </summary>
internal static class RoutesEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var routes = api.MapGroup("/routes").RequireAuthorization(AdminWebApp.AdminPolicy).WithTags("Inbound routes");

        routes.MapGet("/", async (RouteTable table, string? type, string? q, string? sort, bool? desc, int? offset, int? limit, CancellationToken ct) =>
            {
                var query = new RoutePageQuery(Filter(type, q), ParseSort(sort), desc ?? false, offset ?? 0, Math.Clamp(limit ?? 50, 1, RoutePageQuery.MaxLimit));
                var page = await table.PageAsync(query, ct).ConfigureAwait(false);
                return new RoutePageResponse(page.Total, page.Offset, query.Limit, page.Items.Select(RouteRow.From).ToList());
            })
            .WithSummary("A page of inbound numbers: filter by type (agent|queue|custom|unassigned), search q (number or agent), sort (number|user|destination|type), desc, offset, limit");

        routes.MapPut("/{number}", async (string number, RouteChangeRequest change, RouteTable table, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var target = Target(change);
                var result = await table.ApplyAsync([new NumberEntry(number)], target, user.Actor(), ct).ConfigureAwait(false);
                return new RouteChangeResponse(result.Changed, result.Unchanged, target.ToString(), result.Warnings);
            })
            .WithSummary("Change where one number goes (the edit pop-up)");

        routes.MapPost("/assign", async (AssignRequest request, RouteTable table, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var target = string.IsNullOrWhiteSpace(request.Agent) ? RouteTarget.Unassigned : RouteTarget.Agent(request.Agent);
                var hasNumbers = request.Numbers is { Count: > 0 };
                if (hasNumbers == (request.Filter is not null))
                {
                    throw new RoutingRefusedException("Give either the selected numbers or a filter, not both and not neither.");
                }

                var result = hasNumbers
                    ? await table.ApplyAsync(NumberEntry.From(request.Numbers!), target, user.Actor(), ct).ConfigureAwait(false)
                    : await table.ApplyToMatchingAsync(Filter(request.Filter!.Type, request.Filter.Q), target, user.Actor(), ct).ConfigureAwait(false);
                return new RouteChangeResponse(result.Changed, result.Unchanged, target.ToString(), result.Warnings);
            })
            .WithSummary("Assign the selected numbers, or all matching a filter, to one agent (or unassign them): all or nothing");

        routes.MapGet("/{number}/audit", async (string number, RouteTable table, PhoneNumberNormalizer normalizer, CancellationToken ct) =>
                await table.AuditAsync(new NumberEntry(number).Normalize(normalizer), 50, ct).ConfigureAwait(false))
            .WithSummary("The recorded changes of one number, newest first");

        api.MapGet("/queues", async (QueueRegistry queues, CancellationToken ct) =>
                (await queues.ListAsync(ct).ConfigureAwait(false)).Select(q => q.Name))
            .RequireAuthorization(AdminWebApp.AdminPolicy)
            .WithTags("Inbound routes")
            .WithSummary("The inbound queue names");
    }

    private static RouteFilter Filter(string? type, string? q) =>
        new(string.IsNullOrWhiteSpace(type) ? null : ParseType(type), string.IsNullOrWhiteSpace(q) ? null : q);

    private static DestinationType ParseType(string type) =>
        DestinationTypes.TryParse(type, out var parsed)
            ? parsed
            : throw new RoutingRefusedException($"{InputRules.Describe(type)} is not a destination type: use agent, queue, custom or unassigned.");

    private static RouteSort ParseSort(string? sort) => sort switch
    {
        null or "" or "number" => RouteSort.Number,
        "user" => RouteSort.DestinationUser,
        "destination" => RouteSort.Destination,
        "type" => RouteSort.DestinationType,
        _ => throw new RoutingRefusedException($"{InputRules.Describe(sort)} is not a column to sort by: use number, user, destination or type."),
    };

    private static RouteTarget Target(RouteChangeRequest change) => ParseType(change.Type ?? "") switch
    {
        DestinationType.Agent => RouteTarget.Agent(change.Agent!),
        DestinationType.Queue => RouteTarget.Queue(change.Queue!),
        DestinationType.Custom => RouteTarget.Custom(change.Destination!),
        _ => RouteTarget.Unassigned,
    };
}
