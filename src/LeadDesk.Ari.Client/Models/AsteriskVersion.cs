using System.Globalization;
using System.Text.RegularExpressions;

namespace LeadDesk.Ari.Client.Models;

/// <summary>
/// Asterisk's version string ("22.10.1", "certified-20.7-cert3", "GIT-master-abc123").
/// Feature checks live here because ARI has no capability discovery: version is all we have.
/// </summary>
public sealed partial record AsteriskVersion(string Raw, int Major, int Minor, int Patch, bool IsParsed)
{
    [GeneratedRegex(@"(\d+)\.(\d+)(?:\.(\d+))?", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    public static AsteriskVersion Parse(string? raw)
    {
        var text = raw ?? "";
        var match = VersionPattern().Match(text);
        if (!match.Success)
        {
            return new AsteriskVersion(text, 0, 0, 0, IsParsed: false);
        }

        static int Part(Group g) => g.Success ? int.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
        return new AsteriskVersion(text, Part(match.Groups[1]), Part(match.Groups[2]), Part(match.Groups[3]), IsParsed: true);
    }

    /// <summary>
    /// POST /channels/{id}/progress arrived in 20.16, 21.11 and 22.6 (and every 23+).
    /// An unparsable version (a GIT build) is assumed to be new enough: developers run master, production runs releases.
    /// </summary>
    public bool SupportsProgress => !IsParsed || Major switch
    {
        >= 23 => true,
        22 => Minor >= 6,
        21 => Minor >= 11,
        20 => Minor >= 16,
        _ => false,
    };

    public override string ToString() => Raw;
}
