using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Outbound;

namespace LeadDesk.Admin.Web.Outbound;

/// <summary><c>/api/outbound</c>: the company's default caller ID and the regions agents may dial (<c>outbound show|set</c>); admins only.</summary>
internal static class OutboundEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var outbound = api.MapGroup("/outbound").RequireAuthorization(AdminWebApp.AdminOnlyPolicy).WithTags("Outbound settings");

        outbound.MapGet("/", async (OutboundSettingsStore store, PhoneNumberNormalizer normalizer, CancellationToken ct) =>
                OutboundView.From(await store.GetAsync(ct).ConfigureAwait(false), normalizer.DefaultRegion))
            .WithSummary("The default caller ID, the allowed regions and the dial policy in words");

        outbound.MapPut("/", async (OutboundRequest request, OutboundSettingsStore store, PhoneNumberNormalizer normalizer, CancellationToken ct) =>
            {
                var cid = request.DefaultCallerId is null ? null : string.IsNullOrWhiteSpace(request.DefaultCallerId) ? "none" : request.DefaultCallerId;
                var settings = await store.SetAsync(cid, request.AllowedRegions is null ? null : [request.AllowedRegions], ct).ConfigureAwait(false);
                return OutboundView.From(settings, normalizer.DefaultRegion);
            })
            .WithSummary("Change the default caller ID (empty: none) and/or the allowed regions (e.g. FI,SE; empty: the default region)");
    }
}

/// <summary>Null leaves a setting as it is.</summary>
public sealed record OutboundRequest(string? DefaultCallerId, string? AllowedRegions);

public sealed record OutboundView(string? DefaultCallerId, IReadOnlyList<string> AllowedRegions, bool RegionsAreDefault, string Policy)
{
    public static OutboundView From(OutboundSettings settings, string defaultRegion)
    {
        var regions = settings.RegionsOrDefault(defaultRegion);
        var policy = $"Calls to premium-rate and shared-cost numbers and outside {string.Join(", ", regions)} are refused"
            + (settings.DefaultCallerId is null
                ? "; agents without a caller ID of their own or their campaign's cannot call out."
                : $"; agents without a caller ID of their own or their campaign's present {settings.DefaultCallerId}.");
        return new OutboundView(settings.DefaultCallerId, regions, settings.AllowedRegions.Count == 0, policy);
    }
}
