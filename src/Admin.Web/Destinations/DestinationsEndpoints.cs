using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store;
using LeadDesk.Store.Destinations;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Validation;

namespace LeadDesk.Admin.Web.Destinations;

/// <summary>
/// <c>/api/destinations</c>: admins see the custom destinations (to route numbers to them); only support makes
/// or changes them, as the article says.
/// </summary>
internal static class DestinationsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var destinations = api.MapGroup("/destinations").WithTags("Custom destinations");

        destinations.MapGet("/", async (DestinationRegistry registry, CancellationToken ct) =>
                (await registry.ListAsync(ct).ConfigureAwait(false)).Select(DestinationView.From).ToList())
            .RequireAuthorization(AdminWebApp.AdminPolicy)
            .WithSummary("All custom destinations");

        destinations.MapPost("/", async (DestinationRequest request, DestinationRegistry registry, PhoneNumberNormalizer normalizer, CancellationToken ct) =>
            {
                var destination = ToDestination(request.Name, request, normalizer);
                await registry.AddAsync(destination, ct).ConfigureAwait(false);
                return Results.Created($"/api/destinations/{Uri.EscapeDataString(destination.Name)}", DestinationView.From(destination));
            })
            .RequireAuthorization(AdminWebApp.SupportPolicy)
            .WithSummary("Make a custom destination (support only)");

        destinations.MapPut("/{name}", async (string name, DestinationRequest request, DestinationRegistry registry, PhoneNumberNormalizer normalizer, CancellationToken ct) =>
            {
                var destination = ToDestination(name, request, normalizer);
                await registry.UpdateAsync(destination, ct).ConfigureAwait(false);
                return DestinationView.From(destination);
            })
            .RequireAuthorization(AdminWebApp.SupportPolicy)
            .WithSummary("Point a custom destination somewhere else (support only)");
    }

    private static CustomDestination ToDestination(string? name, DestinationRequest request, PhoneNumberNormalizer normalizer) => request.Kind switch
    {
        "dialplan" => CustomDestination.Dialplan(name!, request.Context!, request.Exten!, request.Priority ?? 1),
        "endpoint" => CustomDestination.ToEndpoint(name!, request.Endpoint!),
        "number" => CustomDestination.ToNumber(InputRules.DestinationName(name), normalizer.Normalize(request.Number)),
        _ => throw new RoutingRefusedException($"{InputRules.Describe(request.Kind ?? "")} is not a kind of destination: use dialplan, endpoint or number."),
    };
}
