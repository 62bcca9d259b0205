namespace LeadDesk.Store.Outbound;

/// <summary>The caller ID an agent's outbound calls carry now, and why; <see cref="Number"/> null means refused.</summary>
/// <param name="CallerName">Empty unless the agent's campaign sets one: agents' own names never reach leads.</param>
/// <param name="Skipped">Candidates passed over, earliest first, each with the reason (for logs and <c>agents show</c>).</param>
public sealed record CallerIdDecision(string? Number, CallerIdSource? Source, string CallerName, IReadOnlyList<string> Skipped)
{
    public bool Refused => Number is null;

    /// <summary>One line for an admin or a log: which number and why, or why none.</summary>
    public string Why
    {
        get
        {
            var passed = Skipped.Count == 0 ? "" : " (" + string.Join("; ", Skipped) + ")";
            return Source switch
            {
                CallerIdSource.Card => "the agent's own caller ID on their card" + passed,
                CallerIdSource.Campaign => "the caller ID of the agent's campaign" + passed,
                CallerIdSource.Default => "the company default caller ID" + passed,
                _ => "no usable caller ID: outbound calls are refused" + passed,
            };
        }
    }
}
