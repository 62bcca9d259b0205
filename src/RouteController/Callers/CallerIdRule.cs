using LeadDesk.RouteController.Text;

namespace LeadDesk.RouteController.Callers;

/// <summary>
/// The caller-ID rule of docs/behaviour.md as a function: a phone number is shown in E.164; digits that are no phone
/// number (an extension, a short code) are kept as their digits; anything else (empty, <c>anonymous</c>, a SIP user
/// name such as <c>sipp</c>, text with letters) is no number, and the caller is anonymous.
/// </summary>
internal static class CallerIdRule
{
    public static CallerIdentity Decide(CallerFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var name = CallerIdText.Name(facts.SentName);
        if (facts.E164 is { Length: > 0 } e164)
        {
            return new CallerIdentity(e164, name);
        }

        return new CallerIdentity(OnlyDigits(facts.SentNumber), name);
    }

    /// <summary>The digits (and a leading +) of a number written with digits and separators only; null otherwise.</summary>
    private static string? OnlyDigits(string? sent)
    {
        var text = sent?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!(char.IsAsciiDigit(c) || (c == '+' && i == 0) || c is ' ' or '-' or '.' or '(' or ')'))
            {
                return null;
            }
        }

        var digits = CallerIdText.Number(text);
        return digits.TrimStart('+').Length > 0 ? digits : null;
    }
}
