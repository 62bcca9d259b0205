namespace LeadDesk.Store.Outbound;

/// <summary>What the dial policy says about a dialled number.</summary>
public abstract record DialVerdict
{
    private DialVerdict()
    {
    }

    /// <summary>May be dialled: <paramref name="E164"/> is all that ever reaches the dial string.</summary>
    public sealed record Allowed(string E164, string Region) : DialVerdict;

    /// <param name="Detail">One line for the call log and the log: what was refused and why.</param>
    public sealed record Refused(DialRefusal Reason, string Detail) : DialVerdict;
}
