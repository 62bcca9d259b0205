namespace LeadDesk.Store;

/// <summary>Section <c>Database</c>: the SQLite file shared by the controller, the CLI and the web admin.</summary>
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
}
