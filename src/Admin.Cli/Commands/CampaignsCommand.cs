using System.CommandLine;
using Spectre.Console;
using LeadDesk.Store;
using LeadDesk.Store.Campaigns;
using LeadDesk.Store.Validation;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary><c>campaigns</c>: the caller ID (and caller ID name) a campaign's agents present when they call leads.</summary>
internal static class CampaignsCommand
{
    public static Command Create(CommandFactory factory)
    {
        var group = new Command("campaigns", "Campaigns: the outbound caller ID their agents present (when the agent's card has none)");

        var addName = Name();
        var addCid = new Option<string>("--caller-id") { Description = "An owned number of the inventory", HelpName = "NUMBER", Required = true };
        var addCallerName = CallerName("The caller ID name leads see (default: none)");
        var add = factory.Leaf("campaigns", "add", "Add a campaign", async (ctx, pr, ct) =>
        {
            var warnings = await Registry(ctx).AddAsync(pr.GetValue(addName)!, pr.GetValue(addCid)!, pr.GetValue(addCallerName), ct).ConfigureAwait(false);
            Done(ctx, pr.GetValue(addName)!, "added", warnings);
        });
        add.Arguments.Add(addName);
        add.Options.Add(addCid);
        add.Options.Add(addCallerName);
        group.Subcommands.Add(add);

        var setName = Name();
        var setCid = new Option<string?>("--caller-id") { Description = "A new caller ID: an owned number of the inventory", HelpName = "NUMBER" };
        var setCallerName = CallerName("A new caller ID name, or 'none'");
        var set = factory.Leaf("campaigns", "set", "Change a campaign's caller ID or caller ID name", async (ctx, pr, ct) =>
        {
            var warnings = await Registry(ctx).SetAsync(pr.GetValue(setName)!, pr.GetValue(setCid), pr.GetValue(setCallerName), ct).ConfigureAwait(false);
            Done(ctx, pr.GetValue(setName)!, "updated", warnings);
        });
        set.Arguments.Add(setName);
        set.Options.Add(setCid);
        set.Options.Add(setCallerName);
        group.Subcommands.Add(set);

        var list = factory.Leaf("campaigns", "list", "List campaigns", async (ctx, pr, ct) =>
        {
            var campaigns = await Registry(ctx).ListAsync(ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(campaigns.Select(c => new { name = c.Name, callerId = c.CallerId, callerName = c.CallerName, agents = c.Agents }));
                return;
            }

            var table = new Table().AddColumns("Campaign", "Caller ID", "Caller ID name", "Agents");
            foreach (var c in campaigns)
            {
                table.AddRow(new Text(c.Name), new Text(c.CallerId), new Text(c.CallerName ?? ""), new Text(string.Join(", ", c.Agents)));
            }

            ctx.Console().Write(table);
        });
        group.Subcommands.Add(list);

        var removeName = Name();
        var remove = factory.Leaf("campaigns", "remove", "Remove a campaign (refused while agents belong to it)", async (ctx, pr, ct) =>
        {
            await Registry(ctx).RemoveAsync(pr.GetValue(removeName)!, ct).ConfigureAwait(false);
            Done(ctx, pr.GetValue(removeName)!, "removed", []);
        });
        remove.Arguments.Add(removeName);
        group.Subcommands.Add(remove);
        return group;
    }

    private static CampaignRegistry Registry(CliContext ctx) => new(ctx.Store, ctx.Normalizer);

    private static Argument<string> Name() => new("NAME") { Description = "Campaign name (letters, digits, '-', '_')" };

    private static Option<string?> CallerName(string description) => new("--caller-name") { Description = description, HelpName = "TEXT" };

    private static void Done(CliContext ctx, string name, string what, IReadOnlyList<string> warnings)
    {
        ctx.Warn(warnings);
        if (ctx.Json)
        {
            ctx.WriteJson(new { campaign = name, result = what, warnings });
        }
        else
        {
            ctx.Say($"Campaign '{name}' {what}.");
        }
    }
}
