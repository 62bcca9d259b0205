using System.CommandLine;

namespace LeadDesk.Admin.Cli;

/// <summary>Options every command accepts (recursive, so they may come before or after the subcommand).</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Db { get; } = new("--db")
    {
        Description = "Database file (else Database:Path / Database__Path, else $XDG_DATA_HOME/leaddesk/leaddesk.db or ~/.local/share/leaddesk/leaddesk.db)",
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
        Description = "Print the database path and where it came from to stderr",
        Recursive = true,
    };
}
