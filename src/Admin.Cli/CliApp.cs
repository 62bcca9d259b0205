using System.CommandLine;
using LeadDesk.Admin.Cli.Commands;
using Microsoft.Extensions.Configuration;

namespace LeadDesk.Admin.Cli;

/// <summary>
/// The admin CLI, callable in-process: <see cref="RunAsync(string[], TextReader, TextWriter, TextWriter, IConfiguration)"/> is what <c>Program</c> runs, and what tests call with
/// their own writers and a temp database.
/// </summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, Console.In, stdout, stderr, LoadConfiguration());

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IConfiguration configuration) =>
        RunAsync(args, Console.In, stdout, stderr, configuration);

    /// <param name="stdin">Where <c>users add</c> and <c>users password</c> read a password line from.</param>
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = Build(stdin, stdout, stderr, configuration);

        // No response files: an argument starting with '@' is a value, not a path to read arguments from.
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors.Take(3))
            {
                // System.CommandLine lists allowed values with tabs and new lines: one plain line instead.
                var message = System.Text.RegularExpressions.Regex.Replace(error.Message.ReplaceLineEndings(" ").Replace('\t', ' '), " {2,}", " ").Trim();
                await stderr.WriteLineAsync("usage: " + message).ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Run 'leaddesk-admin --help' (or '<command> --help') for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync(new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
        }).ConfigureAwait(false);
    }

    internal static RootCommand Build(TextReader stdin, TextWriter stdout, TextWriter stderr, IConfiguration configuration)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand(
            "LeadDesk admin: manage inbound numbers, agents, queues, custom destinations, routes and web admin users. " +
            "Changes take effect on the next call; nothing needs restarting.");
        root.Options.Add(globals.Db);
        root.Options.Add(globals.Json);
        root.Options.Add(globals.Verbose);

        var factory = new CommandFactory(globals, stdin, stdout, stderr, configuration);
        root.Subcommands.Add(NumbersCommand.Create(factory));
        root.Subcommands.Add(AgentsCommand.Create(factory));
        root.Subcommands.Add(QueuesCommand.Create(factory));
        root.Subcommands.Add(DestinationsCommand.Create(factory));
        root.Subcommands.Add(RoutesCommand.Create(factory));
        root.Subcommands.Add(CampaignsCommand.Create(factory));
        root.Subcommands.Add(OutboundCommand.Create(factory));
        root.Subcommands.Add(CallsCommand.Create(factory));
        root.Subcommands.Add(VoicemailCommand.Create(factory));
        root.Subcommands.Add(StatusCommand.Create(factory));
        root.Subcommands.Add(UsersCommand.Create(factory));
        root.Subcommands.Add(PhonesCommand.Create(factory));
        root.Subcommands.Add(MigrateCommand.Create(factory));
        return root;
    }

    private static IConfiguration LoadConfiguration() =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
}
