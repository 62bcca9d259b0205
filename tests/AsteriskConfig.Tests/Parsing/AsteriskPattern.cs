using System.Text;
using System.Text.RegularExpressions;

namespace AsteriskConfig.Tests.Parsing;

/// <summary>Asterisk extension patterns: <c>_</c> then X (0-9), Z (1-9), N (2-9), [class], . (one or more of anything), ! (zero or more).</summary>
public static class AsteriskPattern
{
    public static bool Matches(string pattern, string extension) =>
        pattern.StartsWith('_') ? ToRegex(pattern).IsMatch(extension) : pattern == extension;

    public static Regex ToRegex(string pattern)
    {
        var sb = new StringBuilder("^");
        for (var i = 1; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (char.ToUpperInvariant(c))
            {
                case 'X': sb.Append("[0-9]"); break;
                case 'Z': sb.Append("[1-9]"); break;
                case 'N': sb.Append("[2-9]"); break;
                case '.': sb.Append(".+"); break;
                case '!': sb.Append(".*"); break;
                case '[':
                    var close = pattern.IndexOf(']', i);
                    if (close < 0) throw new FormatException($"unterminated [ in {pattern}");
                    sb.Append('[').Append(pattern[(i + 1)..close].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("^", "\\^", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                default: sb.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return new Regex(sb.Append('$').ToString(), RegexOptions.Singleline);
    }
}
