using System.Text.RegularExpressions;

namespace LeadDesk.Store.Validation;

// The outbound half's names: campaigns and the caller ID name leads are shown.
public static partial class InputRules
{
    /// <summary>The longest caller ID name carriers pass on reliably (many cut at 15; SIP allows more).</summary>
    public const int MaxCallerNameLength = 40;

    /// <summary>Campaign names, same alphabet as queues.</summary>
    public static string CampaignName(string? value)
    {
        var v = Required(value, "campaign name");
        if (v.Length > MaxIdLength || !QueuePattern().IsMatch(v))
        {
            throw Refuse("campaign name", v, $"use letters, digits, '-' or '_' (at most {MaxIdLength})");
        }

        return v;
    }

    /// <summary>
    /// A caller ID name: letters, digits, spaces and <c>. ' -</c> only. It becomes <c>CALLERID(name)</c> and the
    /// display name of the From header, so quotes, angle brackets, <c>${</c> and separators are refused.
    /// </summary>
    public static string CallerName(string? value)
    {
        var v = Required(value, "caller ID name");
        if (v.Length > MaxCallerNameLength || !CallerNamePattern().IsMatch(v))
        {
            throw Refuse("caller ID name", v, $"use letters, digits, spaces, '.', ''' or '-' (at most {MaxCallerNameLength})");
        }

        return v;
    }

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} .'-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex CallerNamePattern();
}
