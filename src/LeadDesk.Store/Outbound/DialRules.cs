using LeadDesk.Store.Numbers;

namespace LeadDesk.Store.Outbound;

/// <summary>
/// What the dial policy needs to judge a number: how national forms are read and the regions calls may go to
/// (<see cref="OutboundSettings.RegionsOrDefault"/>). The same for an agent's outbound call and for a custom
/// destination that is an external number.
/// </summary>
/// <param name="Numbers">Reads the number (its default region fills in national forms).</param>
/// <param name="AllowedRegions">The regions in force now.</param>
public sealed record DialRules(PhoneNumberNormalizer Numbers, IReadOnlyCollection<string> AllowedRegions)
{
    /// <summary>The rules of <paramref name="settings"/>: its regions, or the default region when it names none.</summary>
    public static DialRules From(PhoneNumberNormalizer numbers, OutboundSettings settings)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        ArgumentNullException.ThrowIfNull(settings);
        return new DialRules(numbers, settings.RegionsOrDefault(numbers.DefaultRegion));
    }

    /// <summary><see cref="DialPolicy.Check"/> with these rules.</summary>
    public DialVerdict Check(string? dialled) => DialPolicy.Check(dialled, Numbers, AllowedRegions);
}
