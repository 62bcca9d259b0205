using System.CommandLine;
using Spectre.Console;
using LeadDesk.Store;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Validation;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary><c>numbers</c>: the inventory of numbers the company has at its carrier.</summary>
internal static class NumbersCommand
{
    public static Command Create(CommandFactory factory)
    {
        var group = new Command("numbers", "The inbound number inventory (numbers we have at the carrier)");

        var addNumbers = CommandFactory.Numbers("Numbers to add (E.164, international digits, or national form)");
        var label = new Option<string?>("--label") { Description = "A label for the numbers", HelpName = "TEXT" };
        var notOwned = new Option<bool>("--not-owned") { Description = "We do not own these at the carrier (they cannot be routed)" };
        var add = factory.Leaf("numbers", "add", "Add numbers to the inventory (existing ones get the label/ownership updated)", async (ctx, pr, ct) =>
        {
            var rows = pr.GetValue(addNumbers)!.Select(n => new NumberImportRow(new NumberEntry(n), InputRules.Label(pr.GetValue(label)), !pr.GetValue(notOwned))).ToList();
            var (added, updated) = await new NumberInventory(ctx.Store, ctx.Normalizer).AddAsync(rows, ct).ConfigureAwait(false);
            Report(ctx, added, updated);
        });
        add.Arguments.Add(addNumbers);
        add.Options.Add(label);
        add.Options.Add(notOwned);
        group.Subcommands.Add(add);

        var file = new Argument<string>("FILE.csv") { Description = "CSV with the header number,label,owned (owned: true/false, yes/no, 1/0; default true)" };
        var import = factory.Leaf("numbers", "import", "Import numbers from a CSV file, all or nothing", async (ctx, pr, ct) =>
        {
            var path = pr.GetValue(file)!;
            IReadOnlyList<NumberImportRow> rows;
            try
            {
                using var reader = new StreamReader(path);
                rows = NumberCsvReader.Read(reader);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new RoutingRefusedException($"Cannot read {path}: no such file.");
            }

            var (added, updated) = await new NumberInventory(ctx.Store, ctx.Normalizer).AddAsync(rows, ct).ConfigureAwait(false);
            Report(ctx, added, updated);
        });
        import.Arguments.Add(file);
        group.Subcommands.Add(import);

        var list = factory.Leaf("numbers", "list", "List the inventory", async (ctx, pr, ct) =>
        {
            var numbers = await new NumberInventory(ctx.Store, ctx.Normalizer).ListAsync(ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(numbers.Select(RoutesCommand.ToJson));
                return;
            }

            var table = new Table().AddColumns("Number", "Label", "Owned", "Destination type");
            foreach (var n in numbers)
            {
                table.AddRow(new Text(n.Number), new Text(n.Label ?? ""), new Text(n.Owned ? "yes" : "no"), new Text(RoutesCommand.TypeName(n.DestinationType)));
            }

            ctx.Console().Write(table);
        });
        group.Subcommands.Add(list);

        var removeNumbers = CommandFactory.Numbers("Numbers to remove");
        var remove = factory.Leaf("numbers", "remove", "Remove numbers from the inventory (refused while a number is routed: unassign first)", async (ctx, pr, ct) =>
        {
            var removed = await new NumberInventory(ctx.Store, ctx.Normalizer).RemoveAsync(NumberEntry.From(pr.GetValue(removeNumbers)!), ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(new { removed });
            }
            else
            {
                ctx.Say($"Removed {removed} number(s).");
            }
        });
        remove.Arguments.Add(removeNumbers);
        group.Subcommands.Add(remove);
        return group;
    }

    private static void Report(CliContext ctx, int added, int updated)
    {
        if (ctx.Json)
        {
            ctx.WriteJson(new { added, updated });
        }
        else
        {
            ctx.Say($"Added {added} number(s), updated {updated}.");
        }
    }
}
