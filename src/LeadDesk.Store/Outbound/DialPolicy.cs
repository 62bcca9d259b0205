using LeadDesk.Store.Numbers;
using PhoneNumbers;

namespace LeadDesk.Store.Outbound;

/// <summary>
/// The toll-fraud line, checked before anything is dialled: only valid phone numbers, never premium-rate or
/// shared-cost ones, and only in the allowed regions, so a stolen phone password cannot reach premium numbers
/// abroad. The dialled string is screened before parsing: a string with letters, <c>#</c>, <c>,</c>, <c>&amp;</c>,
/// <c>${</c> or more than <see cref="MaxDigits"/> digits is refused as it is, and only the E.164 form of an allowed
/// number ever reaches a dial string. No I/O: every row is a table test.
/// </summary>
public static class DialPolicy
{
    /// <summary>More digits than any dialled form of an E.164 number (15 digits plus a <c>00</c> or trunk prefix).</summary>
    public const int MaxDigits = 20;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static DialVerdict Check(string? dialled, PhoneNumberNormalizer numbers, IReadOnlyCollection<string> allowedRegions)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        ArgumentNullException.ThrowIfNull(allowedRegions);
        if (string.IsNullOrWhiteSpace(dialled))
        {
            return NotANumber("nothing was dialled");
        }

        var digits = 0;
        for (var i = 0; i < dialled.Length; i++)
        {
            var c = dialled[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (!(c is ' ' or '-' or '(' or ')' or '.' || (c == '+' && dialled.AsSpan(0, i).Trim().IsEmpty)))
            {
                return NotANumber("it contains characters no phone number has");
            }
        }

        if (digits > MaxDigits)
        {
            return NotANumber($"more than {MaxDigits} digits");
        }

        if (!numbers.TryNormalize(dialled, out var e164, out var reason))
        {
            return NotANumber(reason);
        }

        var parsed = Util.Parse(e164, "ZZ");
        if (!Util.IsValidNumber(parsed))
        {
            return NotANumber($"{e164} is not a valid number");
        }

        var region = Util.GetRegionCodeForNumber(parsed) ?? "ZZ";
        switch (Util.GetNumberType(parsed))
        {
            case PhoneNumberType.PREMIUM_RATE:
                return new DialVerdict.Refused(DialRefusal.PremiumRate, $"dial policy: {e164} is a premium-rate number");
            case PhoneNumberType.SHARED_COST:
                return new DialVerdict.Refused(DialRefusal.SharedCost, $"dial policy: {e164} is a shared-cost number");
        }

        if (!allowedRegions.Contains(region, StringComparer.OrdinalIgnoreCase))
        {
            return new DialVerdict.Refused(
                DialRefusal.RegionNotAllowed, $"dial policy: {e164} is in region {region}, not in the allowed regions ({string.Join(",", allowedRegions)})");
        }

        return new DialVerdict.Allowed(e164, region);
    }

    private static DialVerdict.Refused NotANumber(string why) => new(DialRefusal.NotANumber, "dial policy: not a phone number: " + why);
}
