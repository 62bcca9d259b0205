using System.CommandLine;

namespace LeadDesk.Admin.Cli;

/// <summary>Options every command accepts (recursive, so they may come before or after the subcommand).</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Db { get; } = new("--db")
    {
        Description = "Database file (default: Database:Path from appsettings.json or Database__Path, else ./data/leaddesk.db)",
        HelpName = "PATH",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write data as JSON for scripts",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Print the absolute database path to stderr",
        Recursive = true,
    };
}
