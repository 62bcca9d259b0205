using LeadDesk.Store;
using LeadDesk.Store.Validation;
namespace LeadDesk.Store.Numbers;

/// <summary>
/// One number as the admin gave it, with the file line it came from, so a refused batch can name the entry
/// exactly as typed and where it is.
/// </summary>
public readonly record struct NumberEntry(string Text, int? Line = null)
{
    public static IReadOnlyList<NumberEntry> From(IEnumerable<string> texts) => texts.Select(t => new NumberEntry(t)).ToList();

    /// <summary><c>'0401234567'</c> or <c>line 7 ('abc')</c>.</summary>
    public string Describe() =>
        Line is { } line ? $"line {line} ({InputRules.Describe(Text)})" : InputRules.Describe(Text);

    /// <summary>Normalises the entry; a refusal names it (and its line).</summary>
    public string Normalize(PhoneNumberNormalizer normalizer)
    {
        if (normalizer.TryNormalize(Text, out var e164, out var reason))
        {
            return e164;
        }

        throw new RoutingRefusedException(Line is { } line ? $"Line {line}: {reason}" : reason);
    }
}
