using Microsoft.Extensions.Configuration;

namespace LeadDesk.Store;

/// <summary>
/// Which database the processes use, decided in one place for the controller, the CLI and the web admin:
/// <c>Database:Provider</c> <c>sqlite</c> (the default: one file, one Asterisk) or <c>postgres</c> (with
/// <c>Database:ConnectionString</c>; several Asterisks and their controllers share it).
/// For SQLite, where the file is, decided in one place for the controller, the CLI and the web admin, so that all of
/// them started from any directory open the same file. An explicit path (<c>--db</c>, then <c>Database:Path</c>)
/// wins and is used as given (relative to the working directory); otherwise the file is
/// <c>$XDG_DATA_HOME/leaddesk/leaddesk.db</c>, or <c>~/.local/share/leaddesk/leaddesk.db</c> when XDG_DATA_HOME is
/// unset (the XDG base-directory rule every Linux desktop and server tool follows).
/// </summary>
/// <param name="Path">The absolute path of the database file; for PostgreSQL, the server and database (no password).</param>
/// <param name="Origin">Where the path came from, for <c>status</c> and <c>--verbose</c>: <c>--db</c>, <c>Database:Path</c>, <c>default</c> or <c>Database:ConnectionString</c>.</param>
public sealed record StoreLocation(string Path, string Origin)
{
    /// <summary>The configuration key (environment: <c>Database__Path</c>).</summary>
    public const string SettingKey = "Database:Path";

    /// <summary>The configuration key of the engine (environment: <c>Database__Provider</c>): <c>sqlite</c> or <c>postgres</c>.</summary>
    public const string ProviderKey = "Database:Provider";

    /// <summary>The configuration key of the PostgreSQL connection string (environment: <c>Database__ConnectionString</c>).</summary>
    public const string ConnectionStringKey = "Database:ConnectionString";

    /// <summary>The engine. Default: <see cref="StoreProvider.Sqlite"/>.</summary>
    public StoreProvider Provider { get; init; } = StoreProvider.Sqlite;

    /// <summary>The Npgsql connection string, for <see cref="StoreProvider.Postgres"/> only. Never printed: it may hold a password.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>A PostgreSQL store; <see cref="Path"/> names its server and database without the password.</summary>
    /// <exception cref="StoreSettingException">The connection string is empty or not one Npgsql can read.</exception>
    public static StoreLocation Postgres(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StoreSettingException($"{ConnectionStringKey} is required when {ProviderKey} is postgres.");
        }

        Npgsql.NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StoreSettingException($"{ConnectionStringKey} is not a PostgreSQL connection string: {e.Message.ReplaceLineEndings(" ")}");
        }

        var host = string.IsNullOrEmpty(builder.Host) ? "localhost" : builder.Host;
        var where = $"postgres://{host}:{builder.Port}/{builder.Database ?? builder.Username ?? ""}";
        return new StoreLocation(where, ConnectionStringKey) { Provider = StoreProvider.Postgres, ConnectionString = connectionString };
    }

    /// <summary>
    /// Resolves the database path. <paramref name="configuration"/> is read for <c>Database:Path</c> and, since the
    /// hosts add environment variables to their configuration, for <c>XDG_DATA_HOME</c> and <c>HOME</c> (then the
    /// process environment).
    /// </summary>
    /// <param name="explicitPath">A path given on the command line (<c>--db</c>); it wins over the setting.</param>
    /// <exception cref="StoreSettingException"><c>Database:Provider</c> or the connection string is not usable.</exception>
    public static StoreLocation Resolve(IConfiguration configuration, string? explicitPath = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration[ProviderKey];
        if (!string.IsNullOrWhiteSpace(provider) && !string.Equals(provider.Trim(), "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            if (!string.Equals(provider.Trim(), "postgres", StringComparison.OrdinalIgnoreCase))
            {
                throw new StoreSettingException($"{ProviderKey} {Validation.InputRules.Describe(provider)} is not one of: sqlite, postgres.");
            }

            if (!string.IsNullOrWhiteSpace(explicitPath))
            {
                throw new StoreSettingException($"--db names a SQLite file, but {ProviderKey} is postgres.");
            }

            return Postgres(configuration[ConnectionStringKey]);
        }

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
