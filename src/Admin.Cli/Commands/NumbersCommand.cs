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
        var label = new Option<string?>("--label") { Description = "A label for the numbers (existing ones keep theirs unless given)", HelpName = "TEXT" };
        var clearLabel = new Option<bool>("--clear-label") { Description = "Remove the label of numbers already in the inventory" };
        var owned = new Option<bool>("--owned") { Description = "We own these at the carrier (the default for new numbers)" };
        var notOwned = new Option<bool>("--not-owned") { Description = "We do not own these at the carrier (they cannot be routed)" };
        var add = factory.Leaf("numbers", "add", "Add numbers to the inventory; numbers already there keep their label and ownership unless an option changes them", async (ctx, pr, ct) =>
        {
            var text = pr.GetValue(label);
            if (text is not null && string.IsNullOrWhiteSpace(text))
            {
                throw new UsageException("--label is empty: to remove a label, use --clear-label.");
            }

            if (text is not null && pr.GetValue(clearLabel))
            {
                throw new UsageException("give --label or --clear-label, not both.");
            }

            if (pr.GetValue(owned) && pr.GetValue(notOwned))
            {
                throw new UsageException("give --owned or --not-owned, not both.");
            }

            bool? ownership = pr.GetValue(owned) ? true : pr.GetValue(notOwned) ? false : null;
            var rows = pr.GetValue(addNumbers)!
                .Select(n => new NumberImportRow(new NumberEntry(n), InputRules.Label(text), ownership, pr.GetValue(clearLabel)))
                .ToList();
            var (added, updated, unchanged) = await new NumberInventory(ctx.Store, ctx.Normalizer).AddAsync(rows, ct).ConfigureAwait(false);
            Report(ctx, added, updated, unchanged);
        });
        add.Arguments.Add(addNumbers);
        add.Options.Add(label);
        add.Options.Add(clearLabel);
        add.Options.Add(owned);
        add.Options.Add(notOwned);
        group.Subcommands.Add(add);

        var file = new Argument<string>("FILE.csv") { Description = "CSV with the header number,label,owned (owned: true/false, yes/no, 1/0; empty keeps an existing number's, new ones are owned)" };
        var import = factory.Leaf("numbers", "import", "Import numbers from a CSV file, all or nothing", async (ctx, pr, ct) =>
        {
            var path = pr.GetValue(file)!;
            IReadOnlyList<NumberImportRow> rows;
            using (var reader = InputFile.Open(path))
            {
                rows = NumberCsvReader.Read(reader);
            }

            var (added, updated, unchanged) = await new NumberInventory(ctx.Store, ctx.Normalizer).AddAsync(rows, ct).ConfigureAwait(false);
            Report(ctx, added, updated, unchanged);
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

            if (numbers.Count == 0)
            {
                ctx.Say("No numbers yet: add them with 'numbers add' or 'numbers import'.");
                return;
            }

            var table = new Table().AddColumns("Number", "Label", "Owned", "Destination type");
            table.Columns[0].NoWrap();
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

    private static void Report(CliContext ctx, int added, int updated, int unchanged)
    {
        if (ctx.Json)
        {
            ctx.WriteJson(new { added, updated, unchanged });
        }
        else if (added == 0 && updated == 0)
        {
            ctx.Say($"Nothing changed: {unchanged} number(s) already in the inventory as given.");
        }
        else
        {
            ctx.Say($"Added {added} number(s), updated {updated}" + (unchanged > 0 ? $", {unchanged} already as given." : "."));
        }
    }
}
