using Microsoft.Extensions.Configuration;

namespace LeadDesk.Store;

/// <summary>
/// Where the SQLite file is, decided in one place for the controller, the CLI and the web admin, so that all of
/// them started from any directory open the same file. An explicit path (<c>--db</c>, then <c>Database:Path</c>)
/// wins and is used as given (relative to the working directory); otherwise the file is
/// <c>$XDG_DATA_HOME/leaddesk/leaddesk.db</c>, or <c>~/.local/share/leaddesk/leaddesk.db</c> when XDG_DATA_HOME is
/// unset (the XDG base-directory rule every Linux desktop and server tool follows).
/// </summary>
/// <param name="Path">The absolute path of the database file.</param>
/// <param name="Origin">Where the path came from, for <c>status</c> and <c>--verbose</c>: <c>--db</c>, <c>Database:Path</c> or <c>default</c>.</param>
public sealed record StoreLocation(string Path, string Origin)
{
    /// <summary>The configuration key (environment: <c>Database__Path</c>).</summary>
    public const string SettingKey = "Database:Path";

    /// <summary>
    /// Resolves the database path. <paramref name="configuration"/> is read for <c>Database:Path</c> and, since the
    /// hosts add environment variables to their configuration, for <c>XDG_DATA_HOME</c> and <c>HOME</c> (then the
    /// process environment).
    /// </summary>
    /// <param name="explicitPath">A path given on the command line (<c>--db</c>); it wins over the setting.</param>
    public static StoreLocation Resolve(IConfiguration configuration, string? explicitPath = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return new StoreLocation(System.IO.Path.GetFullPath(explicitPath), "--db");
        }

        if (configuration[SettingKey] is { } configured && !string.IsNullOrWhiteSpace(configured))
        {
            return new StoreLocation(System.IO.Path.GetFullPath(configured), SettingKey);
        }

        return new StoreLocation(DefaultPath(configuration), "default");
    }

    /// <summary>The default file: <c>$XDG_DATA_HOME/leaddesk/leaddesk.db</c>, else <c>~/.local/share/leaddesk/leaddesk.db</c>.</summary>
    public static string DefaultPath(IConfiguration? configuration = null)
    {
        string? Read(string name) =>
            configuration?[name] is { Length: > 0 } fromConfiguration ? fromConfiguration : Environment.GetEnvironmentVariable(name);

        var dataHome = Read("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome) || !System.IO.Path.IsPathRooted(dataHome))
        {
            // The XDG rule: a relative XDG_DATA_HOME is invalid and ignored.
            var home = Read("HOME");
            if (string.IsNullOrWhiteSpace(home))
            {
                home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }

            dataHome = System.IO.Path.Combine(home, ".local", "share");
        }

        return System.IO.Path.GetFullPath(System.IO.Path.Combine(dataHome, "leaddesk", "leaddesk.db"));
    }

    /// <summary>Where the path came from and what it is, e.g. <c>/home/a/.local/share/leaddesk/leaddesk.db (default)</c>.</summary>
    public override string ToString() => $"{Path} ({Origin})";
}
