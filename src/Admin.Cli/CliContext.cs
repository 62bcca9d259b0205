using System.CommandLine;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using LeadDesk.Store;
using LeadDesk.Store.Numbers;

namespace LeadDesk.Admin.Cli;

/// <summary>
/// One command's run: where output goes, whether it is JSON, and the store (opened on first use, so
/// <c>--help</c> and usage errors never create a database).
/// </summary>
internal sealed class CliContext
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,

        // Output goes to scripts and terminals, not HTML: keep + and non-ASCII names readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly IConfiguration _configuration;
    private readonly string? _dbOption;
    private RoutingStore? _store;

    public CliContext(string commandPath, ParseResult parseResult, GlobalOptions globals, TextReader stdin, TextWriter stdout, TextWriter stderr, IConfiguration configuration)
    {
        In = stdin;
        Out = stdout;
        Error = stderr;
        _configuration = configuration;
        _dbOption = parseResult.GetValue(globals.Db);
        Json = parseResult.GetValue(globals.Json);
        Verbose = parseResult.GetValue(globals.Verbose);
        Actor = $"{Environment.UserName} via {commandPath}";
    }

    public TextReader In { get; }

    /// <summary>Standard input is the process's own terminal (not a pipe, not a test's reader).</summary>
    public bool InIsTerminal => ReferenceEquals(In, System.Console.In) && !System.Console.IsInputRedirected;

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public bool Json { get; }

    public bool Verbose { get; }

    /// <summary>Recorded in the route audit: the OS user and the command.</summary>
    public string Actor { get; }

    public RoutingStore Store => _store ??= OpenStore();

    /// <summary>The database this run uses and where that came from (<c>--db</c>, <c>Database:Path</c>, default).</summary>
    public StoreLocation Location => StoreLocation.Resolve(_configuration, _dbOption);

    /// <summary>A configuration value (appsettings.json beside the binary, then the environment).</summary>
    public string? Setting(string key) => _configuration[key];

    /// <summary>Numbers read in <c>Routing:DefaultRegion</c>, checked like the controller checks it.</summary>
    public PhoneNumberNormalizer Normalizer
    {
        get
        {
            var region = _configuration["Routing:DefaultRegion"];
            if (!PhoneNumberNormalizer.IsKnownRegion(region))
            {
                throw new UsageException($"Routing:DefaultRegion {LeadDesk.Store.Validation.InputRules.Describe(region!)} is not a known region code (ISO 3166, e.g. FI).");
            }

            return new PhoneNumberNormalizer(region);
        }
    }

    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    public void Say(string line)
    {
        if (!Json)
        {
            Out.WriteLine(line);
        }
    }

    public void Warn(IEnumerable<string> warnings)
    {
        foreach (var warning in warnings)
        {
            Error.WriteLine("warning: " + warning);
        }
    }

    /// <summary>A Spectre console over <see cref="Out"/>, plain text when it is not a terminal.</summary>
    public IAnsiConsole Console()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = ReferenceEquals(Out, System.Console.Out) && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });
        // COLUMNS (as shells set it) wins, so a script can ask for a width; redirected output is otherwise wide.
        if (int.TryParse(_configuration["COLUMNS"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var columns) && columns is >= 20 and <= 1000)
        {
            console.Profile.Width = columns;
        }
        else if (!ReferenceEquals(Out, System.Console.Out) || System.Console.IsOutputRedirected)
        {
            console.Profile.Width = 200;
        }

        return console;
    }

    /// <summary>Runs a command body and maps what went wrong onto the exit codes.</summary>
    public async Task<int> RunAsync(Func<CliContext, Task> body)
    {
        try
        {
            await body(this).ConfigureAwait(false);
            return ExitCodes.Done;
        }
        catch (RoutingRefusedException e)
        {
            Error.WriteLine("refused: " + OneLine(e.Message));
            return ExitCodes.Refused;
        }
        catch (UsageException e)
        {
            Error.WriteLine("usage: " + OneLine(e.Message));
            return ExitCodes.Usage;
        }
        catch (StoreSettingException e)
        {
            Error.WriteLine("store failed: " + OneLine(e.Message));
            return ExitCodes.StoreFailure;
        }
        catch (StoreFileException)
        {
            Error.WriteLine("store failed: " + StoreOptionsValidator.Problem(Location) + ".");
            return ExitCodes.StoreFailure;
        }
        catch (System.Data.Common.DbException e)
        {
            Error.WriteLine($"store failed ({_store?.DatabasePath ?? Location.Path}): " + OneLine(e.Message));
            return ExitCodes.StoreFailure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or InvalidDataException)
        {
            Error.WriteLine("failed: " + OneLine(e.Message));
            return ExitCodes.StoreFailure;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private RoutingStore OpenStore()
    {
        var location = Location;
        if (Verbose)
        {
            Error.WriteLine("database: " + location);
        }

        var store = RoutingStore.Open(location);
        if (store.TightenedNotice is { } notice)
        {
            Error.WriteLine("note: " + notice);
        }

        return store;
    }
}
