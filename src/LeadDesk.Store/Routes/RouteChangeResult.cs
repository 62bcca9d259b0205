namespace LeadDesk.Store.Routes;

/// <summary>What a committed routing batch did.</summary>
/// <param name="Changed">Numbers whose destination changed (each one audited).</param>
/// <param name="Unchanged">Numbers that already had that destination.</param>
/// <param name="Warnings">Things that work but deserve a look, e.g. a moved number that is an agent's caller ID.</param>
public sealed record RouteChangeResult(int Changed, int Unchanged, IReadOnlyList<string> Warnings);
