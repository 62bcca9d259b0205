namespace LeadDesk.Store;

/// <summary>The database path cannot be LeadDesk's database (a directory, not SQLite, another program's file).</summary>
public sealed class StoreFileException(string path, string problem)
    : IOException($"The database {path} {problem}.")
{
    public string DatabasePath { get; } = path;

    /// <summary>What is wrong, without the path: <c>is a directory, not a database file</c>.</summary>
    public string Problem { get; } = problem;
}
