using System.CommandLine;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary>
/// What <c>queues</c> and <c>destinations</c> share: a NAME argument, the <c>remove</c> leaf (refused while numbers
/// route to the target) and the one-line or JSON answer of a change.
/// </summary>
/// <param name="Group">The command group (<c>queues</c>, <c>destinations</c>).</param>
/// <param name="Label">What the answer calls one ("Queue", "Custom destination").</param>
/// <param name="NameDescription">The NAME argument's description.</param>
internal sealed record NamedTargetCommands(string Group, string Label, string NameDescription)
{
    public Argument<string> Name() => new("NAME") { Description = NameDescription };

    /// <summary>The <c>remove</c> leaf: removes the named target, then says so.</summary>
    public Command Remove(CommandFactory factory, string description, Func<CliContext, string, CancellationToken, Task> remove)
    {
        var name = Name();
        var command = factory.Leaf(Group, "remove", description, async (ctx, pr, ct) =>
        {
            await remove(ctx, pr.GetValue(name)!, ct).ConfigureAwait(false);
            Done(ctx, pr.GetValue(name)!, "removed");
        });
        command.Arguments.Add(name);
        return command;
    }

    /// <summary>The answer of a change: <c>{ name, result }</c> in JSON, else "Label 'name' what.".</summary>
    public void Done(CliContext ctx, string name, string what)
    {
        if (ctx.Json)
        {
            ctx.WriteJson(new { name, result = what });
        }
        else
        {
            ctx.Say($"{Label} '{name}' {what}.");
        }
    }
}
