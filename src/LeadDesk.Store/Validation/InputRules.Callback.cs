using System.Globalization;
using System.Text.RegularExpressions;

namespace LeadDesk.Store.Validation;

// Callback routing's one setting: how long after an agent's answered call the lead's callback still reaches them.
public static partial class InputRules
{
    /// <summary>The longest callback window: a lead who calls back after a month is a new conversation.</summary>
    public static readonly TimeSpan MaxCallbackWindow = TimeSpan.FromDays(30);

    /// <summary>A callback window as admins write it: whole hours (<c>12h</c>) or days (<c>7d</c>), 1 h to 30 d.</summary>
    public static TimeSpan CallbackWindow(string? value)
    {
        var v = Required(value, "callback window");
        var match = CallbackWindowPattern().Match(v);
        if (!match.Success || !int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count == 0)
        {
            throw Refuse("callback window", v, "use whole hours or days, like 12h or 7d");
        }

        var window = match.Groups[2].Value is "d" or "D" ? TimeSpan.FromDays(count) : TimeSpan.FromHours(count);
        if (window > MaxCallbackWindow)
        {
            throw Refuse("callback window", v, "at most 30 days (30d or 720h)");
        }

        return window;
    }

    /// <summary>The form <see cref="CallbackWindow"/> reads back: <c>7d</c> when whole days, else <c>36h</c>.</summary>
    public static string DescribeCallbackWindow(TimeSpan window) =>
        window.TotalHours % 24 == 0
            ? ((int)window.TotalDays).ToString(CultureInfo.InvariantCulture) + "d"
            : ((int)window.TotalHours).ToString(CultureInfo.InvariantCulture) + "h";

    [GeneratedRegex(@"^([0-9]{1,4})([hdHD])\z", RegexOptions.CultureInvariant)]
    private static partial Regex CallbackWindowPattern();
}
