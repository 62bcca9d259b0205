using System.CommandLine;
using LeadDesk.Store.Outbound;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary><c>outbound</c>: the company default caller ID and the regions agents may dial (the dial policy).</summary>
internal static class OutboundCommand
{
    public static Command Create(CommandFactory factory)
    {
        var group = new Command("outbound", "Outbound calls: the company default caller ID and the regions agents may dial");

        var show = factory.Leaf("outbound", "show", "Show the outbound settings", async (ctx, pr, ct) =>
        {
            var settings = await new OutboundSettingsStore(ctx.Store, ctx.Normalizer).GetAsync(ct).ConfigureAwait(false);
            Write(ctx, settings, null);
        });
        group.Subcommands.Add(show);

        var cid = new Option<string?>("--default-caller-id") { Description = "An owned number of the inventory, or 'none'", HelpName = "NUMBER" };
        var regions = new Option<string?>("--allowed-regions") { Description = "ISO 3166 region codes agents may dial, e.g. FI,SE (empty: the default region only)", HelpName = "LIST" };
        var set = factory.Leaf("outbound", "set", "Change the outbound settings", async (ctx, pr, ct) =>
        {
            var newCid = pr.GetValue(cid);
            var newRegions = pr.GetValue(regions);
            if (newCid is null && newRegions is null)
            {
                throw new UsageException("Nothing to change: give --default-caller-id and/or --allowed-regions.");
            }

            var settings = await new OutboundSettingsStore(ctx.Store, ctx.Normalizer).SetAsync(newCid, newRegions is null ? null : [newRegions], ct).ConfigureAwait(false);
            Write(ctx, settings, "updated");
        });
        set.Options.Add(cid);
        set.Options.Add(regions);
        group.Subcommands.Add(set);
        return group;
    }

    private static void Write(CliContext ctx, OutboundSettings settings, string? result)
    {
        var defaultRegion = ctx.Normalizer.DefaultRegion;
        var inForce = settings.RegionsOrDefault(defaultRegion);
        if (ctx.Json)
        {
            ctx.WriteJson(new { result, defaultCallerId = settings.DefaultCallerId, allowedRegions = inForce, regionsAreDefault = settings.AllowedRegions.Count == 0 });
            return;
        }

        ctx.Say($"Default caller ID: {settings.DefaultCallerId ?? "none (agents without a card or campaign caller ID cannot call out)"}");
        ctx.Say($"Allowed regions:   {string.Join(",", inForce)}{(settings.AllowedRegions.Count == 0 ? " (the default region)" : "")}");
        ctx.Say("Never dialled:     premium-rate and shared-cost numbers, and anything that is not a valid phone number");
    }
}
