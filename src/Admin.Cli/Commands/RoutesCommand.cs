using System.CommandLine;
using Spectre.Console;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Validation;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary><c>routes</c>: where each inbound number goes (the article's Inbound routes tab).</summary>
internal static class RoutesCommand
{
    public static Command Create(CommandFactory factory)
    {
        var group = new Command("routes", "Inbound routes: which agent, queue or custom destination each number goes to. Changes apply to the next call.");

        var type = new Option<string?>("--type") { Description = "Only routes of this destination type (any case)", HelpName = "agent|queue|custom|unassigned" };
        type.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } t && !DestinationTypes.TryParse(t.Trim().ToLowerInvariant(), out _))
            {
                result.AddError($"--type must be agent, queue, custom or unassigned, not {InputRules.Describe(t)}.");
            }
        });
        var byAgent = new Option<string?>("--agent") { Description = "Only numbers routed to this agent", HelpName = "ID" };
        var search = new Option<string?>("--search") { Description = "Only numbers whose number, label, agent or destination contains TEXT", HelpName = "TEXT" };
        var listLimit = CommandFactory.Limit("At most N rows (default: all; with --page: 100)");
        var page = new Option<int?>("--page") { Description = "Which page of --limit rows, from 1", HelpName = "N" };
        page.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--page must be a whole number from 1.");
            }
        });
        var list = factory.Leaf("routes", "list", "List inbound numbers with destination user, destination and destination type", async (ctx, pr, ct) =>
        {
            var filter = pr.GetValue(type) is { } t ? DestinationTypes.Parse(t.Trim().ToLowerInvariant()) : (DestinationType?)null;
            var limit = pr.GetValue(listLimit) ?? (pr.GetValue(page) is null ? null : 100);
            var offset = ((pr.GetValue(page) ?? 1) - 1) * (long)(limit ?? 0);
            if (offset > int.MaxValue)
            {
                throw new UsageException("--page is past any inventory.");
            }

            var agentId = pr.GetValue(byAgent) is { } a ? InputRules.AgentId(a) : null;
            var query = new RouteQuery(filter, agentId, pr.GetValue(search), limit, (int)offset);
            await RouteList.WriteAsync(ctx, new RouteTable(ctx.Store, ctx.Normalizer), query, ct).ConfigureAwait(false);
        });
        list.Options.Add(type);
        list.Options.Add(byAgent);
        list.Options.Add(search);
        list.Options.Add(listLimit);
        list.Options.Add(page);
        group.Subcommands.Add(list);

        var assignNumbers = CommandFactory.Numbers("Numbers to assign", required: false);
        var file = new Option<string?>("--file")
        {
            Description = "Read numbers from a file: one a line, or number,agent a line (then no --agent); an optional header line 'number' or 'number,agent'; blank lines and # comments ignored",
            HelpName = "FILE",
        };
        var agent = new Option<string?>("--agent") { Description = "The agent (destination user); not with a number,agent file", HelpName = "ID" };
        var assign = factory.Leaf("routes", "assign", "Route numbers straight to agents (2-way VoIP), all or nothing", async (ctx, pr, ct) =>
        {
            var changes = Assignments(pr.GetValue(assignNumbers), pr.GetValue(file), pr.GetValue(agent));
            var result = await new RouteTable(ctx.Store, ctx.Normalizer).ApplyEachAsync(changes, ctx.Actor, ct).ConfigureAwait(false);
            var targets = changes.Select(c => c.Target).Distinct().ToList();
            Report(ctx, result, targets.Count == 1 ? targets[0].ToString() : $"{targets.Count} agents");
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

        var callbackNumber = new Argument<string>("NUMBER") { Description = "The inbound number (whoever presents it as caller ID)" };
        var window = new Option<string?>("--window") { Description = "How long after an agent's answered call the lead's callback rings that agent first: hours or days, at most 30d", HelpName = "12h|7d" };
        var off = new Option<bool>("--off") { Description = "Turn callback routing off for the number" };
        var callback = factory.Leaf("routes", "callback", "Ring the agent who last spoke with a lead first when the lead calls this number back", async (ctx, pr, ct) =>
        {
            var given = pr.GetValue(window);
            if ((given is null) != pr.GetValue(off))
            {
                throw new UsageException("give either --window 12h|7d or --off.");
            }

            var newWindow = given is null ? (TimeSpan?)null : InputRules.CallbackWindow(given);
            var (number, previous) = await new RouteTable(ctx.Store, ctx.Normalizer)
                .SetCallbackWindowAsync(new NumberEntry(pr.GetValue(callbackNumber)!), newWindow, ct).ConfigureAwait(false);
            var shown = newWindow is { } w ? InputRules.DescribeCallbackWindow(w) : null;
            if (ctx.Json)
            {
                ctx.WriteJson(new { number, callbackWindow = shown, previous = previous is { } p ? InputRules.DescribeCallbackWindow(p) : null });
            }
            else
            {
                ctx.Say(shown is null
                    ? $"{number}: callback routing off; calls go to its own route."
                    : $"{number}: a lead whom an agent's answered call presenting it reached within {shown} rings that agent first.");
            }
        });
        callback.Arguments.Add(callbackNumber);
        callback.Options.Add(window);
        callback.Options.Add(off);
        group.Subcommands.Add(callback);

        var explainNumber = new Argument<string>("NUMBER") { Description = "The dialled number, known or not" };
        var from = new Option<string?>("--from") { Description = "The caller's number, for the callback rule (anonymous or not a number: as the controller treats it)", HelpName = "CALLER" };
        var explain = factory.Leaf("routes", "explain", "Say in words what a call to NUMBER (from CALLER) would do now, and why, decided as the controller decides", async (ctx, pr, ct) =>
            await RouteExplanation.RunAsync(ctx, new NumberEntry(pr.GetValue(explainNumber)!).Normalize(ctx.Normalizer), pr.GetValue(from), ct).ConfigureAwait(false));
        explain.Arguments.Add(explainNumber);
        explain.Options.Add(from);
        group.Subcommands.Add(explain);

        var auditNumber = new Option<string?>("--number") { Description = "Only changes of this number", HelpName = "NUMBER" };
        var limit = CommandFactory.Limit("How many entries", 50);
        var audit = factory.Leaf("routes", "audit", "Show recorded routing changes, newest first", async (ctx, pr, ct) =>
        {
            var number = pr.GetValue(auditNumber) is { } n ? new NumberEntry(n).Normalize(ctx.Normalizer) : null;
            var entries = await new RouteTable(ctx.Store, ctx.Normalizer).AuditAsync(number, pr.GetValue(limit)!.Value, ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(entries);
                return;
            }

            if (entries.Count == 0)
            {
                ctx.Say(number is null ? "No routing changes yet." : $"No routing changes of {number} yet.");
                return;
            }

            var table = new Table().AddColumns("When (UTC)", "Number", "Old destination", "New destination", "By");
            table.Columns[1].NoWrap();
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
        callbackWindow = n.CallbackWindow is { } w ? InputRules.DescribeCallbackWindow(w) : null,
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
        Report(ctx, result, target.ToString());
    }

    private static void Report(CliContext ctx, RouteChangeResult result, string destination)
    {
        ctx.Warn(result.Warnings);
        if (ctx.Json)
        {
            ctx.WriteJson(new { changed = result.Changed, unchanged = result.Unchanged, destination });
        }
        else if (result.Changed == 0)
        {
            ctx.Say($"Nothing changed: {result.Unchanged} number(s) already go to {destination}.");
        }
        else
        {
            ctx.Say($"{result.Changed} number(s) now go to {destination}; {result.Unchanged} already did.");
        }
    }

    private static List<(NumberEntry Entry, RouteTarget Target)> Assignments(string[]? numbers, string? file, string? agent)
    {
        var hasNumbers = numbers is { Length: > 0 };
        if (hasNumbers == (file is not null))
        {
            throw new UsageException("give either NUMBER... or --file FILE, not both and not neither.");
        }

        if (hasNumbers)
        {
            var target = RouteTarget.Agent(agent ?? throw new UsageException("--agent ID is required with NUMBER..."));
            return NumberEntry.From(numbers!).Select(e => (e, target)).ToList();
        }

        IReadOnlyList<(NumberEntry Entry, string? Agent)> lines;
        using (var reader = InputFile.Open(file!))
        {
            lines = AssignmentFile.Read(reader);
        }

        if (lines.Count == 0)
        {
            throw new RoutingRefusedException($"{file} has no numbers in it.");
        }

        var perLine = lines[0].Agent is not null;
        if (perLine && agent is not null)
        {
            throw new UsageException($"{file} names an agent on each line: leave out --agent.");
        }

        if (!perLine && agent is null)
        {
            throw new UsageException($"--agent ID is required: {file} has numbers only (or give number,agent lines).");
        }

        var single = perLine ? null : RouteTarget.Agent(agent!);
        return lines.Select(l => (l.Entry, single ?? LineTarget(l.Entry, l.Agent!))).ToList();
    }

    private static RouteTarget LineTarget(NumberEntry entry, string agent)
    {
        try
        {
            return RouteTarget.Agent(agent);
        }
        catch (RoutingRefusedException e)
        {
            throw new RoutingRefusedException($"Line {entry.Line}: {e.Message}");
        }
    }
}
