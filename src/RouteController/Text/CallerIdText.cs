using System.Text;

namespace LeadDesk.RouteController.Text;

/// <summary>
/// Caller ID arrives from the carrier and is the caller's to choose. Before it goes anywhere (an originate's
/// caller id, a log line, a mail) it is cut down to what it may contain.
/// </summary>
internal static class CallerIdText
{
    private const int MaxNumberLength = 32;
    private const int MaxNameLength = 80;

    /// <summary>Digits, with a leading + kept; anything else dropped. Empty when nothing is left.</summary>
    public static string Number(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(raw.Length, MaxNumberLength));
        foreach (var c in raw)
        {
            if (builder.Length >= MaxNumberLength)
            {
                break;
            }

            if (char.IsAsciiDigit(c) || (c == '+' && builder.Length == 0))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Printable text without control characters, Unicode format characters (bidi overrides, zero-width joiners: a
    /// caller could make a mail subject or a log line read backwards or hide text) or quotes, bounded in length; null when empty.
    /// </summary>
    public static string? Name(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(raw.Length, MaxNameLength));
        foreach (var c in raw)
        {
            if (builder.Length >= MaxNameLength)
            {
                break;
            }

            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                continue;
            }

            builder.Append(char.IsControl(c) || c is '"' or '<' or '>' or '\\' ? ' ' : c);
        }

        var name = builder.ToString().Trim();
        return name.Length == 0 ? null : name;
    }
}
