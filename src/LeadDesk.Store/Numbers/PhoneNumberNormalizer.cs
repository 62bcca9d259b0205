using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;
using LeadDesk.Store;
using LeadDesk.Store.Validation;

namespace LeadDesk.Store.Numbers;

/// <summary>
/// Turns a number as a carrier or an admin writes it into E.164 (<c>+358401234567</c>), the one form the store
/// keys on. docs/behaviour.md's rule: a leading <c>+</c> is E.164; digits that are a valid number once prefixed with
/// <c>+</c> are taken so (carriers that drop the <c>+</c>); anything else is national in the default region.
/// </summary>
public sealed class PhoneNumberNormalizer
{
    /// <summary>The region used when the configuration names none.</summary>
    public const string FallbackRegion = "FI";

    // Longer than any written phone number (15 digits plus generous separators); refusing early keeps a 10 KB
    // argument away from the parser.
    private const int MaxInputLength = 40;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public PhoneNumberNormalizer(string? defaultRegion = null)
    {
        var region = string.IsNullOrWhiteSpace(defaultRegion) ? FallbackRegion : defaultRegion.Trim().ToUpperInvariant();
        if (!Util.GetSupportedRegions().Contains(region))
        {
            throw new ArgumentException($"'{region}' is not a region libphonenumber knows (Routing:DefaultRegion).", nameof(defaultRegion));
        }

        DefaultRegion = region;
    }

    /// <summary>Whether <paramref name="region"/> (any case; empty means <see cref="FallbackRegion"/>) is a region libphonenumber knows.</summary>
    public static bool IsKnownRegion(string? region) =>
        string.IsNullOrWhiteSpace(region) || Util.GetSupportedRegions().Contains(region.Trim().ToUpperInvariant());

    /// <summary>The ISO 3166 region national-form numbers are read in.</summary>
    public string DefaultRegion { get; }

    /// <summary>The E.164 form, or a refusal whose message names the input and says why.</summary>
    public string Normalize(string? input)
    {
        if (TryNormalize(input, out var e164, out var reason))
        {
            return e164;
        }

        throw new RoutingRefusedException(reason);
    }

    /// <summary>Normalises <paramref name="input"/>; on failure <paramref name="reason"/> is a one-line explanation.</summary>
    public bool TryNormalize(string? input, [NotNullWhen(true)] out string? e164, [NotNullWhen(false)] out string? reason)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            reason = "The phone number is empty.";
            return false;
        }

        var shown = InputRules.Describe(input);
        if (input.Length > MaxInputLength)
        {
            reason = $"{shown} is not a phone number: too long.";
            return false;
        }

        if (input.Any(char.IsControl))
        {
            reason = $"{shown} is not a phone number: it contains control characters.";
            return false;
        }

        // An allow-list, not libphonenumber's leniency: it would read digits out of "call 040 123 4567 now".
        var digits = new System.Text.StringBuilder(input.Length);
        var trimmed = input.Trim();
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
            }
            else if (c == '+' && i == 0)
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                reason = char.IsControl(c)
                    ? $"{shown} is not a phone number: it contains control characters."
                    : $"{shown} is not a phone number: only digits, a leading '+', spaces, '-', '.' and brackets are allowed.";
                return false;
            }
        }

        var text = digits.ToString();
        if (text.TrimStart('+').Length is < 3 or > 17)
        {
            reason = $"{shown} is not a phone number: wrong number of digits.";
            return false;
        }

        PhoneNumber? parsed;
        if (text[0] == '+')
        {
            // Stated as international: it must be possible (right length for a known country code). Possible rather
            // than valid so carrier test ranges and newly opened ranges still route.
            parsed = TryParse(text, "ZZ");
            if (parsed is null || !Util.IsPossibleNumber(parsed) || Util.GetRegionCodeForNumber(parsed) is null or "ZZ")
            {
                reason = $"{shown} is not a phone number: not a possible international number.";
                return false;
            }
        }
        else
        {
            parsed = TryParse("+" + text, "ZZ");
            if (parsed is null || !Util.IsValidNumber(parsed))
            {
                parsed = TryParse(text, DefaultRegion);
                if (parsed is null || !Util.IsValidNumber(parsed))
                {
                    reason = $"{shown} is not a phone number: neither international digits nor a valid {DefaultRegion} number.";
                    return false;
                }
            }
        }

        e164 = Util.Format(parsed, PhoneNumberFormat.E164);
        reason = null;
        return true;
    }

    /// <summary>
    /// Caller IDs: normalised like dialled numbers where possible, otherwise kept exactly as sent (withheld,
    /// "anonymous", short codes), because the call log should show what arrived. Returns whether it normalised.
    /// </summary>
    public bool TryNormalizeCaller(string? raw, out string callerNumber)
    {
        if (TryNormalize(raw, out var e164, out _))
        {
            callerNumber = e164;
            return true;
        }

        callerNumber = raw ?? string.Empty;
        return false;
    }

    private static PhoneNumber? TryParse(string text, string region)
    {
        try
        {
            return Util.Parse(text, region);
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
