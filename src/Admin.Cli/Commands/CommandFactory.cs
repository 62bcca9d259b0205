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

    /// <summary>The largest page any listing gives at once.</summary>
    public const int MaxLimit = 100_000;

    /// <summary>
    /// <c>--limit N</c>, the same rule everywhere: a whole number from 1 to <see cref="MaxLimit"/>, else a usage
    /// error (exit 2). Null when not given and there is no default (list everything).
    /// </summary>
    public static Option<int?> Limit(string description, int? defaultValue = null)
    {
        var option = new Option<int?>("--limit") { Description = description, HelpName = "N" };
        if (defaultValue is { } value)
        {
            option.DefaultValueFactory = _ => value;
        }

        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } n && n is < 1 or > MaxLimit)
            {
                result.AddError($"--limit must be a whole number from 1 to {MaxLimit}, not {n}.");
            }
        });
        return option;
    }

    public static Argument<string[]> Numbers(string description, bool required = true) => new("NUMBER")
    {
        Description = description,
        Arity = required ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore,
    };
}
