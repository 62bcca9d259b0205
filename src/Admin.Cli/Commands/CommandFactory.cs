using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary>Makes leaf commands whose action runs in a <see cref="CliContext"/> with the exit-code mapping.</summary>
internal sealed class CommandFactory(GlobalOptions globals, TextReader stdin, TextWriter stdout, TextWriter stderr, IConfiguration configuration)
{
    public Command Leaf(string group, string name, string description, Func<CliContext, ParseResult, CancellationToken, Task> body)
    {
        var command = new Command(name, description);
        command.SetAction((parseResult, ct) =>
            new CliContext(group + " " + name, parseResult, globals, stdin, stdout, stderr, configuration).RunAsync(ctx => body(ctx, parseResult, ct)));
        return command;
    }

    public static Argument<string[]> Numbers(string description, bool required = true) => new("NUMBER")
    {
        Description = description,
        Arity = required ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore,
    };
}
