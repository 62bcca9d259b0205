using System.Security.Claims;
using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Admin.Web.SignIn;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routing;
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

        routes.MapGet("/", async (RouteTable table, string? type, string? q, bool? owned, string? sort, bool? desc, int? offset, int? limit, CancellationToken ct) =>
            {
                var query = new RoutePageQuery(Filter(type, q, owned), ParseSort(sort), desc ?? false, offset ?? 0, Math.Clamp(limit ?? 50, 1, RoutePageQuery.MaxLimit));
                var page = await table.PageAsync(query, ct).ConfigureAwait(false);
                return new RoutePageResponse(page.Total, page.Offset, query.Limit, page.Items.Select(RouteRow.From).ToList());
            })
            .WithSummary("A page of inbound numbers: filter by type (agent|queue|custom|unassigned), search q (number, label, agent, queue or destination name), owned (true|false), sort (number|user|destination|type), desc, offset, limit");

        routes.MapPut("/{number}", async (string number, RouteChangeRequest change, RouteTable table, AgentRoster roster, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var target = Target(change);
                var result = string.IsNullOrWhiteSpace(change.FromQueue)
                    ? await table.ApplyAsync([new NumberEntry(number)], target, user.Actor(), ct).ConfigureAwait(false)
                    : await table.MoveFromQueueAsync(new NumberEntry(number), change.FromQueue, target, user.Actor(), ct).ConfigureAwait(false);
                return new RouteChangeResponse(result.Changed, result.Unchanged, target.ToString(), result.Warnings, await DescribeAsync(target, roster, ct).ConfigureAwait(false));
            })
            .WithSummary("Change where one number goes (the edit pop-up); fromQueue names the queue a queue number is confirmed to leave for an agent or custom destination in the same save");

        routes.MapPost("/assign", async (AssignRequest request, RouteTable table, AgentRoster roster, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var target = string.IsNullOrWhiteSpace(request.Agent) ? RouteTarget.Unassigned : RouteTarget.Agent(request.Agent);
                var hasNumbers = request.Numbers is { Count: > 0 };
                if (hasNumbers == (request.Filter is not null))
                {
                    throw new RoutingRefusedException("Give either the selected numbers or a filter, not both and not neither.");
                }

                var result = hasNumbers
                    ? await table.ApplyAsync(NumberEntry.From(request.Numbers!), target, user.Actor(), ct).ConfigureAwait(false)
                    : await table.ApplyToMatchingAsync(Filter(request.Filter!.Type, request.Filter.Q, request.Filter.Owned), target, user.Actor(), ct).ConfigureAwait(false);
                return new RouteChangeResponse(result.Changed, result.Unchanged, target.ToString(), result.Warnings, await DescribeAsync(target, roster, ct).ConfigureAwait(false));
            })
            .WithSummary("Assign the selected numbers, or all matching a filter, to one agent (or unassign them): all or nothing");

        routes.MapGet("/{number}/audit", async (string number, RouteTable table, PhoneNumberNormalizer normalizer, CancellationToken ct) =>
                await table.AuditAsync(new NumberEntry(number).Normalize(normalizer), 50, ct).ConfigureAwait(false))
            .WithSummary("The recorded changes of one number, newest first");

        routes.MapPut("/{number}/callback", async (string number, CallbackRequest request, RouteTable table, CancellationToken ct) =>
            {
                var window = string.IsNullOrWhiteSpace(request.Window) ? (TimeSpan?)null : InputRules.CallbackWindow(request.Window);
                var (e164, previous) = await table.SetCallbackWindowAsync(new NumberEntry(number), window, ct).ConfigureAwait(false);
                return new CallbackResponse(e164, window is { } w ? InputRules.DescribeCallbackWindow(w) : null, previous is { } p ? InputRules.DescribeCallbackWindow(p) : null);
            })
            .WithSummary("Set (7d, 12h: 1 h to 30 days) or turn off (empty) one number's callback window");

        routes.MapPost("/callback", async (BulkCallbackRequest request, RouteTable table, CancellationToken ct) =>
            {
                if (request.Numbers is not { Count: > 0 })
                {
                    throw new RoutingRefusedException("No numbers were given.");
                }

                var window = string.IsNullOrWhiteSpace(request.Window) ? (TimeSpan?)null : InputRules.CallbackWindow(request.Window);
                var changed = await table.SetCallbackWindowsAsync(NumberEntry.From(request.Numbers), window, ct).ConfigureAwait(false);
                return new BulkCallbackResponse(changed, window is { } w ? InputRules.DescribeCallbackWindow(w) : null);
            })
            .WithSummary("Set or turn off the callback window of the selected numbers: all or nothing");

        routes.MapGet("/{number}/explain", async (string number, string? from, RoutingStore store, PhoneNumberNormalizer normalizer, IConfiguration configuration, CancellationToken ct) =>
            {
                var e164 = new NumberEntry(number).Normalize(normalizer);
                var settings = new ExplainSettings(
                    configuration["Routing:OutboundTrunk"] ?? "carrier",
                    configuration["Routing:RingTimeoutSeconds"] ?? "25",
                    configuration["Routing:CallbackRingSeconds"] ?? "20");
                return await RouteExplainer.ExplainAsync(store, normalizer, e164, string.IsNullOrWhiteSpace(from) ? null : from, settings, ct).ConfigureAwait(false);
            })
            .WithSummary("What a call to the number (from a caller) would do now, and why: routes explain, with the controller's decision code");
    }

    private static RouteFilter Filter(string? type, string? q, bool? owned) =>
        new(string.IsNullOrWhiteSpace(type) ? null : ParseType(type), string.IsNullOrWhiteSpace(q) ? null : q, owned);

    // "Erin Agent (erin)", "queue sales", "custom destination ivr", "nobody": said as a person would.
    private static async Task<string> DescribeAsync(RouteTarget target, AgentRoster roster, CancellationToken ct) => target.Type switch
    {
        DestinationType.Agent => await roster.FindAsync(target.AgentId!, ct).ConfigureAwait(false) is { } agent ? agent.Name : target.AgentId!,
        DestinationType.Queue => $"queue {target.QueueName}",
        DestinationType.Custom => $"custom destination {target.DestinationName}",
        _ => "nobody (not assigned)",
    };

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
