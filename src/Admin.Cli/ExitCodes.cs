namespace LeadDesk.Admin.Cli;

/// <summary>The exit codes scripts rely on (issue 2's contract).</summary>
public static class ExitCodes
{
    public const int Done = 0;

    /// <summary>Bad or conflicting input; nothing was changed.</summary>
    public const int Refused = 1;

    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 2;

    /// <summary>The store or another resource failed.</summary>
    public const int StoreFailure = 3;
}
