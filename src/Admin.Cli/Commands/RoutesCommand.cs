using System.CommandLine;
using Spectre.Console;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary><c>routes</c>: where each inbound number goes (the article's Inbound routes tab).</summary>
internal static class RoutesCommand
{
    public static Command Create(CommandFactory factory)
    {
        var group = new Command("routes", "Inbound routes: which agent, queue or custom destination each number goes to. Changes apply to the next call.");

        var type = new Option<string?>("--type") { Description = "Only routes of this destination type", HelpName = "agent|queue|custom|unassigned" };
        type.AcceptOnlyFromAmong("agent", "queue", "custom", "unassigned");
        var list = factory.Leaf("routes", "list", "List inbound numbers with destination user, destination and destination type", async (ctx, pr, ct) =>
        {
            var filter = pr.GetValue(type) is { } t ? DestinationTypes.Parse(t) : (DestinationType?)null;
            var routes = await new RouteTable(ctx.Store, ctx.Normalizer).ListAsync(filter, ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(routes.Select(ToJson));
                return;
            }

            var table = new Table().AddColumns("Inbound number", "Destination user", "Destination", "Destination type");
            foreach (var r in routes)
            {
                // Queue numbers are shown greyed out, as on the web screen: they cannot be given to an agent.
                var style = r.DestinationType == DestinationType.Queue ? new Style(Color.Grey) : Style.Plain;
                var user = r.AgentId is null ? "" : r.AgentName is null ? r.AgentId : $"{r.AgentId} ({r.AgentName})";
                table.AddRow(
                    new Text(r.Number + (r.Owned ? "" : " (not owned)"), style),
                    new Text(user, style),
                    new Text(r.Destination ?? "", style),
                    new Text(TypeName(r.DestinationType), style));
            }

            ctx.Console().Write(table);
        });
        list.Options.Add(type);
        group.Subcommands.Add(list);

        var assignNumbers = CommandFactory.Numbers("Numbers to assign", required: false);
        var file = new Option<string?>("--file") { Description = "Read numbers from a file: one a line; blank lines and # comments ignored", HelpName = "FILE" };
        var agent = new Option<string>("--agent") { Description = "The agent (destination user)", HelpName = "ID", Required = true };
        var assign = factory.Leaf("routes", "assign", "Route numbers straight to one agent (2-way VoIP), all or nothing", async (ctx, pr, ct) =>
        {
            var entries = Entries(pr.GetValue(assignNumbers), pr.GetValue(file));
            await ApplyAsync(ctx, entries, RouteTarget.Agent(pr.GetValue(agent)!), ct).ConfigureAwait(false);
        });
        assign.Arguments.Add(assignNumbers);
        assign.Options.Add(file);
        assign.Options.Add(agent);
        group.Subcommands.Add(assign);

        var unassignNumbers = CommandFactory.Numbers("Numbers to free (callers then hear the disconnected tone)");
        var unassign = factory.Leaf("routes", "unassign", "Make numbers Not assigned", async (ctx, pr, ct) =>
            await ApplyAsync(ctx, NumberEntry.From(pr.GetValue(unassignNumbers)!), RouteTarget.Unassigned, ct).ConfigureAwait(false));
        unassign.Arguments.Add(unassignNumbers);
        group.Subcommands.Add(unassign);

        var queueNumbers = CommandFactory.Numbers("Numbers that feed the queue");
        var queue = new Option<string>("--queue") { Description = "The queue", HelpName = "NAME", Required = true };
        var toQueue = factory.Leaf("routes", "queue", "Route numbers to an inbound queue", async (ctx, pr, ct) =>
            await ApplyAsync(ctx, NumberEntry.From(pr.GetValue(queueNumbers)!), RouteTarget.Queue(pr.GetValue(queue)!), ct).ConfigureAwait(false));
        toQueue.Arguments.Add(queueNumbers);
        toQueue.Options.Add(queue);
        group.Subcommands.Add(toQueue);

        var customNumbers = CommandFactory.Numbers("Numbers to send to the destination");
        var destination = new Option<string>("--destination") { Description = "A custom destination made by support", HelpName = "NAME", Required = true };
        var custom = factory.Leaf("routes", "custom", "Route numbers to a custom destination", async (ctx, pr, ct) =>
            await ApplyAsync(ctx, NumberEntry.From(pr.GetValue(customNumbers)!), RouteTarget.Custom(pr.GetValue(destination)!), ct).ConfigureAwait(false));
        custom.Arguments.Add(customNumbers);
        custom.Options.Add(destination);
        group.Subcommands.Add(custom);

        var auditNumber = new Option<string?>("--number") { Description = "Only changes of this number", HelpName = "NUMBER" };
        var limit = new Option<int>("--limit") { Description = "How many entries", DefaultValueFactory = _ => 50 };
        var audit = factory.Leaf("routes", "audit", "Show recorded routing changes, newest first", async (ctx, pr, ct) =>
        {
            var number = pr.GetValue(auditNumber) is { } n ? new NumberEntry(n).Normalize(ctx.Normalizer) : null;
            var entries = await new RouteTable(ctx.Store, ctx.Normalizer).AuditAsync(number, pr.GetValue(limit), ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(entries);
                return;
            }

            var table = new Table().AddColumns("When (UTC)", "Number", "Old destination", "New destination", "By");
            foreach (var e in entries)
            {
                table.AddRow(new Text(e.ChangedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture)), new Text(e.Number), new Text(e.OldDestination), new Text(e.NewDestination), new Text(e.Actor));
            }

            ctx.Console().Write(table);
        });
        audit.Options.Add(auditNumber);
        audit.Options.Add(limit);
        group.Subcommands.Add(audit);
        return group;
    }

    internal static object ToJson(InboundNumber n) => new
    {
        number = n.Number,
        destinationType = n.DestinationType.ToToken(),
        destinationUser = n.AgentId,
        destination = n.Destination,
        owned = n.Owned,
        label = n.Label,
    };

    internal static string TypeName(DestinationType type) => type switch
    {
        DestinationType.Agent => "Agent",
        DestinationType.Queue => "Inbound queue",
        DestinationType.Custom => "Custom",
        _ => "Not assigned",
    };

    private static async Task ApplyAsync(CliContext ctx, IReadOnlyList<NumberEntry> entries, RouteTarget target, CancellationToken ct)
    {
        var result = await new RouteTable(ctx.Store, ctx.Normalizer).ApplyAsync(entries, target, ctx.Actor, ct).ConfigureAwait(false);
        ctx.Warn(result.Warnings);
        if (ctx.Json)
        {
            ctx.WriteJson(new { changed = result.Changed, unchanged = result.Unchanged, destination = target.ToString() });
        }
        else
        {
            ctx.Say($"{result.Changed} number(s) now go to {target}; {result.Unchanged} already did.");
        }
    }

    private static List<NumberEntry> Entries(string[]? numbers, string? file)
    {
        var hasNumbers = numbers is { Length: > 0 };
        if (hasNumbers == (file is not null))
        {
            throw new UsageException("give either NUMBER... or --file FILE, not both and not neither.");
        }

        if (hasNumbers)
        {
            return NumberEntry.From(numbers!).ToList();
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(file!);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RoutingRefusedException($"Cannot read {file}: no such file.");
        }

        var entries = new List<NumberEntry>();
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            entries.Add(new NumberEntry(text, i + 1));
        }

        if (entries.Count == 0)
        {
            throw new RoutingRefusedException($"{file} has no numbers in it.");
        }

        return entries;
    }
}
