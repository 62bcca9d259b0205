using System.CommandLine;
using Spectre.Console;
using LeadDesk.Store.Queues;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary>
/// <c>queues members|add-member|remove-member|import-members</c>: who answers each queue. The store is the one list;
/// every Asterisk's app_queue reads it through its controller, so the next queue call rings exactly these agents.
/// </summary>
internal static class QueueMembersCommand
{
    public static void AddTo(Command group, CommandFactory factory)
    {
        var membersQueue = Queue();
        var members = factory.Leaf("queues", "members", "List the agents who answer a queue", async (ctx, pr, ct) =>
        {
            var list = await new QueueMembership(ctx.Store).ListAsync(pr.GetValue(membersQueue)!, ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(list.Select(m => new { queue = m.QueueName, agent = m.AgentId, extension = m.Extension, name = m.AgentName, penalty = m.Penalty }));
                return;
            }

            if (list.Count == 0)
            {
                ctx.Say($"Queue '{pr.GetValue(membersQueue)}' has no members: add one with 'queues add-member {pr.GetValue(membersQueue)} AGENT'.");
                return;
            }

            var table = new Table().AddColumns("Agent", "Name", "Extension", "Penalty");
            foreach (var m in list)
            {
                table.AddRow(new Text(m.AgentId), new Text(m.AgentName), new Text(m.Extension), new Text(m.Penalty.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            ctx.Console().Write(table);
        });
        members.Arguments.Add(membersQueue);
        group.Subcommands.Add(members);

        var addQueue = Queue();
        var addAgent = Agent();
        var penalty = new Option<int>("--penalty")
        {
            Description = $"app_queue's penalty: lower is rung first (0 to {QueueMembership.MaxPenalty}, default 0)",
            HelpName = "N",
            DefaultValueFactory = _ => 0,
        };
        var add = factory.Leaf("queues", "add-member", "Make an agent a member of a queue (or change their penalty); the next queue call rings them", async (ctx, pr, ct) =>
        {
            var member = await new QueueMembership(ctx.Store).AddAsync(pr.GetValue(addQueue)!, pr.GetValue(addAgent)!, pr.GetValue(penalty), ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(new { queue = member.QueueName, agent = member.AgentId, extension = member.Extension, penalty = member.Penalty, result = "member" });
                return;
            }

            ctx.Say($"Agent '{member.AgentId}' ({member.Extension}) now answers queue '{member.QueueName}' (penalty {member.Penalty}).");
        });
        add.Arguments.Add(addQueue);
        add.Arguments.Add(addAgent);
        add.Options.Add(penalty);
        group.Subcommands.Add(add);

        var removeQueue = Queue();
        var removeAgent = Agent();
        var remove = factory.Leaf("queues", "remove-member", "Stop an agent answering a queue", async (ctx, pr, ct) =>
        {
            await new QueueMembership(ctx.Store).RemoveAsync(pr.GetValue(removeQueue)!, pr.GetValue(removeAgent)!, ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(new { queue = pr.GetValue(removeQueue), agent = pr.GetValue(removeAgent), result = "removed" });
                return;
            }

            ctx.Say($"Agent '{pr.GetValue(removeAgent)}' no longer answers queue '{pr.GetValue(removeQueue)}'.");
        });
        remove.Arguments.Add(removeQueue);
        remove.Arguments.Add(removeAgent);
        group.Subcommands.Add(remove);

        var file = new Argument<string>("FILE") { Description = "An Asterisk queues.conf whose 'member =>' lines name PJSIP/EXTENSION interfaces" };
        var import = factory.Leaf("queues", "import-members", "Import the members of an existing queues.conf once (all or nothing; the queues and agents must exist)", async (ctx, pr, ct) =>
        {
            string text;
            using (var reader = InputFile.Open(pr.GetValue(file)!))
            {
                text = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
            }

            var parsed = QueueMembership.ParseQueuesConf(text, out var skipped);
            foreach (var note in skipped)
            {
                ctx.Error.WriteLine("skipped " + note);
            }

            var count = await new QueueMembership(ctx.Store).ImportAsync(parsed, ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(new { imported = count, skipped });
                return;
            }

            ctx.Say($"Imported {count} queue membership{(count == 1 ? "" : "s")}. Remove the 'member =>' lines from queues.conf: the store is the list now.");
        });
        import.Arguments.Add(file);
        group.Subcommands.Add(import);
    }

    private static Argument<string> Queue() => new("NAME") { Description = "Queue name" };

    private static Argument<string> Agent() => new("AGENT") { Description = "Agent id" };
}
