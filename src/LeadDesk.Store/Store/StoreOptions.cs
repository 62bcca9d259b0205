namespace LeadDesk.Store;

/// <summary>Section <c>Database</c>: the store shared by the controller, the CLI and the web admin.</summary>
public sealed class StoreOptions
{
    public const string SectionName = "Database";

    /// <summary>
    /// The database file (environment: <c>Database__Path</c>). Default: empty, meaning
    /// <c>$XDG_DATA_HOME/leaddesk/leaddesk.db</c> or <c>~/.local/share/leaddesk/leaddesk.db</c> (see
    /// <see cref="StoreLocation"/>). A relative path is taken from the working directory. Created on first use.
    /// </summary>
    /// <value>Default: <c>empty</c>.</value>
    public string? Path { get; set; }

    /// <summary>
    /// The engine (environment: <c>Database__Provider</c>): <c>sqlite</c>, one file beside one Asterisk, or
    /// <c>postgres</c>, one database several Asterisks and their controllers share (then
    /// <see cref="ConnectionString"/> is required and <see cref="Path"/> is not used).
    /// </summary>
    /// <value>Default: <c>sqlite</c>.</value>
    public string? Provider { get; set; } = "sqlite";

    /// <summary>
    /// The Npgsql connection string for <c>postgres</c> (environment: <c>Database__ConnectionString</c>), e.g.
    /// <c>Host=db;Database=leaddesk;Username=leaddesk;Password=...</c>. Keep the password in the environment or a
    /// secret store, not in a committed file.
    /// </summary>
    /// <value>Default: <c>empty</c>.</value>
    public string? ConnectionString { get; set; }
}
