namespace LeadDesk.Store.Outbound;

/// <summary>The company's outbound settings, shared by the CLI, the web admin and every controller.</summary>
/// <param name="DefaultCallerId">Presented when neither the agent's card nor their campaign gives a caller ID.</param>
/// <param name="AllowedRegions">ISO 3166 regions agents may dial; empty means the default region only.</param>
public sealed record OutboundSettings(string? DefaultCallerId, IReadOnlyList<string> AllowedRegions)
{
    public static readonly OutboundSettings Empty = new(null, []);

    /// <summary>The regions in force: the stored list, or the default region when none is stored.</summary>
    public IReadOnlyList<string> RegionsOrDefault(string defaultRegion) => AllowedRegions.Count > 0 ? AllowedRegions : [defaultRegion];
}
