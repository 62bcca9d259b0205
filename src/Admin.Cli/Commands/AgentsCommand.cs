using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Outbound;
using LeadDesk.Store.Validation;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary><c>agents</c>: agents' information cards, login state and not-reachable destination.</summary>
internal static class AgentsCommand
{
    public static Command Create(CommandFactory factory)
    {
        var group = new Command("agents", "Agents: information card (name, extension, e-mails, outbound caller ID), login state, not-reachable destination");

        var addId = Id();
        var name = new Option<string>("--name") { Description = "The agent's name", HelpName = "NAME", Required = true };
        var extension = new Option<string>("--extension") { Description = "SIP extension, digits only (the PJSIP endpoint of the same name)", HelpName = "EXT", Required = true };
        var email = new Option<string[]>("--email") { Description = "E-mail address (repeat for more)", HelpName = "ADDR", Required = true, AllowMultipleArgumentsPerToken = false };
        var cid = new Option<string?>("--outbound-cid") { Description = "Outbound caller ID: an owned number in the inventory", HelpName = "NUMBER" };
        var add = factory.Leaf("agents", "add", "Add an agent", async (ctx, pr, ct) =>
        {
            var warnings = await new AgentRoster(ctx.Store, ctx.Normalizer).AddAsync(
                pr.GetValue(addId)!, pr.GetValue(name)!, pr.GetValue(extension)!, pr.GetValue(email)!, pr.GetValue(cid), ct).ConfigureAwait(false);
            Done(ctx, pr.GetValue(addId)!, "added", warnings);
        });
        add.Arguments.Add(addId);
        add.Options.Add(name);
        add.Options.Add(extension);
        add.Options.Add(email);
        add.Options.Add(cid);
        group.Subcommands.Add(add);

        var setId = Id();
        var setName = new Option<string?>("--name") { Description = "New name", HelpName = "NAME" };
        var setExtension = new Option<string?>("--extension") { Description = "New extension (digits only)", HelpName = "EXT" };
        var setEmail = new Option<string[]?>("--email") { Description = "Replaces the whole e-mail list (repeat for more)", HelpName = "ADDR" };
        var setCid = new Option<string?>("--outbound-cid") { Description = "Outbound caller ID (an owned number), or 'none'", HelpName = "NUMBER" };
        var campaign = new Option<string?>("--campaign") { Description = "The agent's campaign (its caller ID is presented when the card has none), or 'none'", HelpName = "NAME|none" };
        var unreachable = new Option<string?>("--unreachable") { Description = "Not-reachable destination: voicemail to one of the agent's e-mails, or none", HelpName = "voicemail:ADDR|none" };
        var set = factory.Leaf("agents", "set", "Change an agent's card or not-reachable destination", async (ctx, pr, ct) =>
        {
            var emails = pr.GetValue(setEmail);
            if (pr.GetValue(setName) is null && pr.GetValue(setExtension) is null && emails is not { Length: > 0 } && pr.GetValue(setCid) is null && pr.GetValue(unreachable) is null && pr.GetValue(campaign) is null)
            {
                // Exit 0: the agent is as asked (unchanged); but say so rather than "updated".
                var id = InputRules.AgentId(pr.GetValue(setId));
                _ = await new AgentRoster(ctx.Store, ctx.Normalizer).FindAsync(id, ct).ConfigureAwait(false)
                    ?? throw new RoutingRefusedException($"There is no agent '{id}'.");
                ctx.Error.WriteLine("warning: nothing to change: give --name, --extension, --email, --outbound-cid, --campaign or --unreachable.");
                Done(ctx, id, "unchanged", []);
                return;
            }

            var changes = new AgentChanges(
                pr.GetValue(setName),
                pr.GetValue(setExtension),
                emails is { Length: > 0 } ? emails : null,
                pr.GetValue(setCid),
                pr.GetValue(unreachable) is { } u ? UnreachableDestination.Parse(u) : null,
                pr.GetValue(campaign));
            var warnings = await new AgentRoster(ctx.Store, ctx.Normalizer).SetAsync(pr.GetValue(setId)!, changes, ct).ConfigureAwait(false);
            Done(ctx, pr.GetValue(setId)!, "updated", warnings);
        });
        set.Arguments.Add(setId);
        set.Options.Add(setName);
        set.Options.Add(setExtension);
        set.Options.Add(setEmail);
        set.Options.Add(setCid);
        set.Options.Add(unreachable);
        set.Options.Add(campaign);
        group.Subcommands.Add(set);

        foreach (var (verb, loggedIn) in new[] { ("login", true), ("logout", false) })
        {
            var id = Id();
            var command = factory.Leaf("agents", verb, loggedIn ? "Mark the agent logged in (calls ring their phone)" : "Mark the agent logged out (calls go to the not-reachable destination)", async (ctx, pr, ct) =>
            {
                await new AgentRoster(ctx.Store, ctx.Normalizer).SetLoggedInAsync(pr.GetValue(id)!, loggedIn, ct).ConfigureAwait(false);
                Done(ctx, pr.GetValue(id)!, loggedIn ? "logged in" : "logged out", []);
            });
            command.Arguments.Add(id);
            group.Subcommands.Add(command);
        }

        var list = factory.Leaf("agents", "list", "List agents", async (ctx, pr, ct) =>
        {
            var agents = await new AgentRoster(ctx.Store, ctx.Normalizer).ListAsync(ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(agents.Select(ToJson));
                return;
            }

            if (agents.Count == 0)
            {
                ctx.Say("No agents yet: add one with 'agents add'.");
                return;
            }

            var table = new Table().AddColumns("Agent", "Name", "Extension", "Logged in", "Not reachable", "Outbound caller ID", "Inbound numbers");
            table.Columns[5].NoWrap();
            foreach (var a in agents)
            {
                table.AddRow(new Text(a.Id), new Text(a.Name), new Text(a.Extension), new Text(a.LoggedIn ? "yes" : "no"),
                    new Text(a.Unreachable.Token), new Text(a.OutboundCallerId ?? ""), new Text(a.RoutedNumbers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            ctx.Console().Write(table);
        });
        group.Subcommands.Add(list);

        var showId = Id();
        var show = factory.Leaf("agents", "show", "Show one agent's card", async (ctx, pr, ct) =>
        {
            var id = pr.GetValue(showId)!;
            var agent = await new AgentRoster(ctx.Store, ctx.Normalizer).FindAsync(id, ct).ConfigureAwait(false)
                ?? throw new RoutingRefusedException($"There is no agent {InputRules.Describe(id)}.");
            var presents = await new CallerIdLookup(ctx.Store).ForAgentAsync(agent.Id, ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(ToJson(agent, presents));
                return;
            }

            var grid = new Grid().AddColumn().AddColumn();
            void Row(string k, string v) => grid.AddRow(new Text(k), new Text(v));
            Row("Agent", agent.Id);
            Row("Name", agent.Name);
            Row("Extension", $"{agent.Extension} ({agent.Endpoint})");
            Row("E-mails", string.Join(", ", agent.Emails));
            Row("Outbound caller ID", agent.OutboundCallerId ?? "-");
            Row("Campaign", agent.Campaign ?? "-");
            Row("Calls out as", AgentOutbound.Describe(presents));
            Row("Logged in", agent.LoggedIn ? "yes" : "no");
            Row("Not reachable", agent.Unreachable.Token);
            Row("Own greeting", agent.GreetingRecordedAt is { } recorded
                ? $"recorded {recorded.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC ({AgentGreetings.RecordingNameFor(agent.Id)})"
                : "no (callers hear the default greeting)");
            Row("Inbound numbers", agent.RoutedNumbers.Count == 0 ? "-" : string.Join(", ", agent.RoutedNumbers));
            ctx.Console().Write(grid);
        });
        show.Arguments.Add(showId);
        group.Subcommands.Add(show);

        group.Subcommands.Add(Greeting(factory));

        var removeId = Id();
        var remove = factory.Leaf("agents", "remove", "Remove an agent (refused while inbound numbers route to them)", async (ctx, pr, ct) =>
        {
            await new AgentRoster(ctx.Store, ctx.Normalizer).RemoveAsync(pr.GetValue(removeId)!, ct).ConfigureAwait(false);
            Done(ctx, pr.GetValue(removeId)!, "removed", []);
        });
        remove.Arguments.Add(removeId);
        group.Subcommands.Add(remove);
        return group;
    }

    /// <summary>
    /// <c>agents greeting ID [--restore --to DIR]</c>. ARI can list, copy, download and delete stored recordings but
    /// cannot upload one, so restoring means writing our copy as the file Asterisk's spool expects; the operator
    /// points <c>--to</c> at that spool (or at a folder they copy into it).
    /// </summary>
    private static Command Greeting(CommandFactory factory)
    {
        var id = Id();
        var restore = new Option<bool>("--restore") { Description = "Write the stored copy as <spool>/greeting-ID.wav so Asterisk can play it again" };
        var to = new Option<DirectoryInfo?>("--to") { Description = "Asterisk's recording spool (e.g. /var/spool/asterisk/recording) or a folder to copy from", HelpName = "DIR" };
        var command = factory.Leaf("agents", "greeting", "Show an agent's recorded greeting, or restore it into Asterisk's recording spool", async (ctx, pr, ct) =>
        {
            var agentId = InputRules.AgentId(pr.GetValue(id));
            if (pr.GetValue(restore) && pr.GetValue(to) is null)
            {
                throw new UsageException("--restore needs --to DIR: Asterisk's recording spool, or a folder to copy the file from.");
            }

            if (!pr.GetValue(restore) && pr.GetValue(to) is not null)
            {
                throw new UsageException("--to is only used with --restore.");
            }

            var greeting = await new AgentGreetings(ctx.Store).FindAsync(agentId, ct).ConfigureAwait(false);
            if (greeting is null)
            {
                _ = await new AgentRoster(ctx.Store, ctx.Normalizer).FindAsync(agentId, ct).ConfigureAwait(false)
                    ?? throw new RoutingRefusedException($"There is no agent {InputRules.Describe(agentId)}.");
                throw new RoutingRefusedException($"Agent '{agentId}' has no recorded greeting: callers hear the default one.");
            }

            string? written = null;
            if (pr.GetValue(restore))
            {
                var folder = pr.GetValue(to)!;
                if (!folder.Exists)
                {
                    throw new RoutingRefusedException($"The folder {folder.FullName} does not exist.");
                }

                written = Path.Combine(folder.FullName, greeting.RecordingName + ".wav");
                // Written beside and then moved, so Asterisk never plays a half-written file.
                var partial = written + ".partial";
                await File.WriteAllBytesAsync(partial, greeting.Wav, ct).ConfigureAwait(false);
                File.Move(partial, written, overwrite: true);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(new { agent = agentId, recording = greeting.RecordingName, recordedAt = greeting.RecordedAt, bytes = greeting.Wav.Length, restoredTo = written });
                return;
            }

            ctx.Say($"Agent '{agentId}': greeting recorded {greeting.RecordedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, " +
                $"played as recording:{greeting.RecordingName} ({greeting.Wav.Length} bytes kept in the database).");
            if (written is not null)
            {
                ctx.Say($"Wrote {written}. Asterisk plays it as recording:{greeting.RecordingName} once the file is in its recording spool.");
            }
        });
        command.Arguments.Add(id);
        command.Options.Add(restore);
        command.Options.Add(to);
        return command;
    }

    private static Argument<string> Id() => new("ID") { Description = "Agent id" };

    private static object ToJson(Agent a) => ToJson(a, null);

    /// <param name="presents">For <c>agents show</c>: the caller ID the agent's calls carry now, and why.</param>
    private static object ToJson(Agent a, CallerIdDecision? presents) => new
    {
        id = a.Id,
        name = a.Name,
        extension = a.Extension,
        emails = a.Emails,
        outboundCid = a.OutboundCallerId,
        loggedIn = a.LoggedIn,
        unreachable = a.Unreachable.Token,
        hasGreeting = a.HasGreeting,
        greetingRecordedAt = a.GreetingRecordedAt,
        numbers = a.RoutedNumbers,
        campaign = a.Campaign,
        callsOutAs = AgentOutbound.ToJson(presents),
    };

    private static void Done(CliContext ctx, string id, string what, IReadOnlyList<string> warnings)
    {
        id = id.Trim().ToLowerInvariant();
        ctx.Warn(warnings);
        if (ctx.Json)
        {
            ctx.WriteJson(new { id, result = what, warnings });
        }
        else
        {
            ctx.Say($"Agent '{id}' {what}.");
        }
    }
}
