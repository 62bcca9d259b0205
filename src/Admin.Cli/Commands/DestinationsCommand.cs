using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using LeadDesk.Store;
using LeadDesk.Store.Destinations;
using LeadDesk.Store.Validation;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary><c>destinations</c>: support-made custom destinations.</summary>
internal static class DestinationsCommand
{
    private static readonly NamedTargetCommands Destinations = new("destinations", "Custom destination", "Destination name (letters, digits, - and _)");

    public static Command Create(CommandFactory factory)
    {
        var group = new Command(
            "destinations",
            "Custom destinations. These are special cases made by LeadDesk support, not by ordinary admins: " +
            "a dialplan target, another endpoint, or an external number.");

        var addName = Destinations.Name();
        var dialplan = new Option<string?>("--dialplan") { Description = "Dialplan target (letters, digits, -_+*# only)", HelpName = "CONTEXT,EXTEN[,PRIORITY]" };
        var endpoint = new Option<string?>("--endpoint") { Description = "Another endpoint, e.g. PJSIP/2001", HelpName = "TECH/RESOURCE" };
        var number = new Option<string?>("--number") { Description = "An external number, dialled through Routing:OutboundTrunk", HelpName = "NUMBER" };
        var add = factory.Leaf("destinations", "add", "Add a custom destination (support only)", async (ctx, pr, ct) =>
        {
            var name = pr.GetValue(addName)!;
            var given = new[] { pr.GetValue(dialplan), pr.GetValue(endpoint), pr.GetValue(number) }.Count(v => v is not null);
            if (given != 1)
            {
                throw new UsageException("give exactly one of --dialplan, --endpoint or --number.");
            }

            CustomDestination destination;
            if (pr.GetValue(dialplan) is { } target)
            {
                var parts = target.Split(',');
                if (parts.Length is < 2 or > 3)
                {
                    throw new RoutingRefusedException($"{InputRules.Describe(target)} is not CONTEXT,EXTEN[,PRIORITY].");
                }

                var priority = 1;
                if (parts.Length == 3 && !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out priority))
                {
                    throw new RoutingRefusedException($"{InputRules.Describe(parts[2])} is not a priority (a number).");
                }

                destination = CustomDestination.Dialplan(name, parts[0], parts[1], priority);
            }
            else if (pr.GetValue(endpoint) is { } dialstring)
            {
                destination = CustomDestination.ToEndpoint(name, dialstring, ctx.Setting("Routing:OutboundTrunk"));
            }
            else
            {
                destination = CustomDestination.ToNumber(name, ctx.Normalizer.Normalize(pr.GetValue(number)));
                if (string.IsNullOrWhiteSpace(ctx.Setting("Routing:OutboundTrunk")))
                {
                    ctx.Warn(["Routing:OutboundTrunk is empty: the controller cannot dial external numbers until it names the carrier trunk (Routing__OutboundTrunk=carrier)."]);
                }
            }

            await new DestinationRegistry(ctx.Store, ctx.Normalizer).AddAsync(destination, ct).ConfigureAwait(false);
            Destinations.Done(ctx, destination.Name, "added");
        });
        add.Arguments.Add(addName);
        add.Options.Add(dialplan);
        add.Options.Add(endpoint);
        add.Options.Add(number);
        group.Subcommands.Add(add);

        var list = factory.Leaf("destinations", "list", "List custom destinations", async (ctx, pr, ct) =>
        {
            var registry = new DestinationRegistry(ctx.Store, ctx.Normalizer);
            var destinations = await registry.ListAsync(ct).ConfigureAwait(false);
            var breaches = (await registry.PolicyBreachesAsync(ct).ConfigureAwait(false)).ToDictionary(b => b.Destination.Name, b => b.Problem, StringComparer.Ordinal);
            if (ctx.Json)
            {
                ctx.WriteJson(destinations.Select(d => new
                {
                    name = d.Name,
                    kind = d.Kind.ToString().ToLowerInvariant(),
                    context = d.Context,
                    exten = d.Extension,
                    priority = d.Priority,
                    endpoint = d.Endpoint,
                    number = d.Number,
                    dialPolicy = breaches.GetValueOrDefault(d.Name),
                }));
                return;
            }

            if (destinations.Count == 0)
            {
                ctx.Say("No custom destinations yet.");
                return;
            }

            var table = new Table().AddColumns("Destination", "Kind", "Target");
            foreach (var d in destinations)
            {
                table.AddRow(new Text(d.Name), new Text(d.Kind.ToString().ToLowerInvariant()), new Text(d.Target));
            }

            ctx.Console().Write(table);
            foreach (var (name, problem) in breaches)
            {
                ctx.Error.WriteLine($"warning: custom destination '{name}' breaks the dial policy ({problem}): calls routed to it get the failure tone. Change it or the allowed regions.");
            }
        });
        group.Subcommands.Add(list);

        group.Subcommands.Add(Destinations.Remove(factory, "Remove a custom destination (refused while numbers route to it)",
            (ctx, name, ct) => new DestinationRegistry(ctx.Store, ctx.Normalizer).RemoveAsync(name, ct)));
        return group;
    }
}
