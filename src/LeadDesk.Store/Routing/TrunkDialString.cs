namespace LeadDesk.Store.Routing;

/// <summary>
/// How an external number is dialled: through the carrier trunk's PJSIP endpoint (<c>Routing:OutboundTrunk</c>),
/// <c>PJSIP/&lt;E.164&gt;@&lt;trunk&gt;</c>. Agents' calls to leads and custom destinations that are numbers reach the
/// carrier the same way.
/// </summary>
public static class TrunkDialString
{
    /// <param name="e164">The number, already normalised and allowed by the dial policy.</param>
    /// <param name="trunk">The trunk's endpoint name (<c>Routing:OutboundTrunk</c>), not empty.</param>
    public static string For(string e164, string trunk)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(e164);
        ArgumentException.ThrowIfNullOrWhiteSpace(trunk);
        return $"PJSIP/{e164}@{trunk}";
    }
}
