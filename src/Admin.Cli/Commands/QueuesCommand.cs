using System.CommandLine;
using Spectre.Console;
using LeadDesk.Store.Queues;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary><c>queues</c>: names of the Asterisk queues numbers may feed.</summary>
internal static class QueuesCommand
{
    private static readonly NamedTargetCommands Queues = new("queues", "Queue", "Queue name");

    public static Command Create(CommandFactory factory)
    {
        var group = new Command("queues", "Inbound queues (app_queue queues provisioned in Asterisk's queues.conf)");

        var addName = Queues.Name();
        var add = factory.Leaf("queues", "add", "Add a queue (letters, digits, - and _)", async (ctx, pr, ct) =>
        {
            await new QueueRegistry(ctx.Store).AddAsync(pr.GetValue(addName)!, ct).ConfigureAwait(false);
            Queues.Done(ctx, pr.GetValue(addName)!, "added");
        });
        add.Arguments.Add(addName);
        group.Subcommands.Add(add);

        var list = factory.Leaf("queues", "list", "List queues and the numbers that feed them", async (ctx, pr, ct) =>
        {
            var queues = await new QueueRegistry(ctx.Store).ListAsync(ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(queues.Select(q => new { name = q.Name, numbers = q.Numbers }));
                return;
            }

            if (queues.Count == 0)
            {
                ctx.Say("No queues yet: add one with 'queues add'.");
                return;
            }

            var table = new Table().AddColumns("Queue", "Inbound numbers");
            foreach (var q in queues)
            {
                table.AddRow(new Text(q.Name), new Text(string.Join(", ", q.Numbers)));
            }

            ctx.Console().Write(table);
        });
        group.Subcommands.Add(list);

        group.Subcommands.Add(Queues.Remove(factory, "Remove a queue (refused while numbers route to it)",
            (ctx, name, ct) => new QueueRegistry(ctx.Store).RemoveAsync(name, ct)));
        QueueMembersCommand.AddTo(group, factory);
        return group;
    }
}
