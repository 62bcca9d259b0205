using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store.Campaigns;

namespace LeadDesk.Admin.Web.Campaigns;

/// <summary><c>/api/campaigns</c>: <c>campaigns add|set|list|remove</c> through <see cref="CampaignRegistry"/>, with its callback warnings.</summary>
internal static class CampaignsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var campaigns = api.MapGroup("/campaigns").RequireAuthorization(AdminWebApp.AdminPolicy).WithTags("Campaigns");

        campaigns.MapGet("/", async (CampaignRegistry registry, CancellationToken ct) =>
                (await registry.ListAsync(ct).ConfigureAwait(false)).Select(CampaignView.From).ToList())
            .WithSummary("All campaigns with their caller ID, caller ID name and agents");

        campaigns.MapPost("/", async (CampaignRequest request, CampaignRegistry registry, CancellationToken ct) =>
            {
                var warnings = await registry.AddAsync(request.Name ?? "", request.CallerId ?? "", Blank(request.CallerName), ct).ConfigureAwait(false);
                return Results.Ok(new CampaignResult(request.Name!.Trim(), "added", warnings));
            })
            .WithSummary("Add a campaign: a name and an owned caller ID (warnings: the caller ID does not route back)");

        campaigns.MapPut("/{name}", async (string name, CampaignRequest request, CampaignRegistry registry, CancellationToken ct) =>
            {
                var callerName = request.CallerName is null ? null : string.IsNullOrWhiteSpace(request.CallerName) ? "none" : request.CallerName;
                var warnings = await registry.SetAsync(name, Blank(request.CallerId), callerName, ct).ConfigureAwait(false);
                return new CampaignResult(name, "updated", warnings);
            })
            .WithSummary("Change a campaign's caller ID or caller ID name (empty name: none)");

        campaigns.MapDelete("/{name}", async (string name, CampaignRegistry registry, CancellationToken ct) =>
            {
                await registry.RemoveAsync(name, ct).ConfigureAwait(false);
                return new CampaignResult(name, "removed", []);
            })
            .WithSummary("Remove a campaign (refused while agents belong to it)");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

public sealed record CampaignRequest(string? Name, string? CallerId, string? CallerName);

public sealed record CampaignView(string Name, string CallerId, string? CallerName, IReadOnlyList<string> Agents)
{
    public static CampaignView From(Campaign c) => new(c.Name, c.CallerId, c.CallerName, c.Agents);
}

public sealed record CampaignResult(string Name, string Result, IReadOnlyList<string> Warnings);
