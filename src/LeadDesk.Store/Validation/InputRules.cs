using System.Text.RegularExpressions;
using LeadDesk.Store;

namespace LeadDesk.Store.Validation;

/// <summary>
/// What admins may type for names and addresses. Values end up in Asterisk dial strings, dialplan targets and
/// mail headers, so the rules are allow-lists: anything not plainly safe is refused before it is stored.
/// </summary>
public static partial class InputRules
{
    public const int MaxLabelLength = 200;
    public const int MaxNameLength = 100;
    public const int MaxIdLength = 64;
    public const int MaxEmailLength = 254;
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 256;

    /// <summary>
    /// Agent ids: letters, digits, <c>-_.</c>; case-insensitive, so returned in lower case (the form stored since
    /// schema step 4): <c>ALICE</c> and <c>alice</c> are one agent.
    /// </summary>
    public static string AgentId(string? value)
    {
        var v = Required(value, "agent id");
        if (v.Length > MaxIdLength || !AgentIdPattern().IsMatch(v))
        {
            throw Refuse("agent id", v, $"use letters, digits, '-', '_' or '.' (at most {MaxIdLength})");
        }

        return v.ToLowerInvariant();
    }

    /// <summary>Extensions are digits only: they become <c>PJSIP/&lt;ext&gt;</c> and must not widen the dial string.</summary>
    public static string Extension(string? value)
    {
        var v = Required(value, "extension");
        if (v.Length > 20 || !ExtensionPattern().IsMatch(v))
        {
            throw Refuse("extension", v, "use digits only (at most 20)");
        }

        return v;
    }

    /// <summary>Queue names: letters, digits, <c>-_</c>; they name an app_queue queue.</summary>
    public static string QueueName(string? value)
    {
        var v = Required(value, "queue name");
        if (v.Length > MaxIdLength || !QueuePattern().IsMatch(v))
        {
            throw Refuse("queue name", v, $"use letters, digits, '-' or '_' (at most {MaxIdLength})");
        }

        return v;
    }

    /// <summary>Custom destination names, same alphabet as queues.</summary>
    public static string DestinationName(string? value)
    {
        var v = Required(value, "destination name");
        if (v.Length > MaxIdLength || !QueuePattern().IsMatch(v))
        {
            throw Refuse("destination name", v, $"use letters, digits, '-' or '_' (at most {MaxIdLength})");
        }

        return v;
    }

    /// <summary>
    /// Dialplan contexts and extensions: letters, digits and <c>-_+*#</c>. No commas, parentheses, <c>$</c> or
    /// spaces, so a target can never carry an application call such as <c>System()</c>.
    /// </summary>
    public static string DialplanName(string? value, string what)
    {
        var v = Required(value, what);
        if (v.Length > 80 || !DialplanPattern().IsMatch(v))
        {
            throw Refuse(what, v, "use letters, digits, '-', '_', '+', '*' or '#' (at most 80)");
        }

        return v;
    }

    /// <summary>An endpoint dial string of the form <c>TECH/RESOURCE</c>, e.g. <c>PJSIP/2001</c>.</summary>
    public static string Endpoint(string? value)
    {
        var v = Required(value, "endpoint");
        if (v.Length > 100 || !EndpointPattern().IsMatch(v))
        {
            throw Refuse("endpoint", v, "expected TECH/RESOURCE such as PJSIP/2001 (letters, digits, '-', '_', '+', '.')");
        }

        return v;
    }

    /// <summary>Person or display names: free text without control characters, bounded.</summary>
    public static string Name(string? value)
    {
        var v = Required(value, "name");
        return Text(v, "name", MaxNameLength);
    }

    /// <summary>Number labels: optional free text without control characters, bounded.</summary>
    public static string? Label(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Text(value.Trim(), "label", MaxLabelLength);
    }

    /// <summary>
    /// E-mail addresses: one <c>@</c>, no spaces, control characters, CR/LF or header punctuation, a dotted
    /// domain and a sane length. They go into a mail header, so the check is strict rather than RFC-complete.
    /// </summary>
    public static string Email(string? value)
    {
        var v = Required(value, "e-mail address");
        if (v.Length > MaxEmailLength || !EmailPattern().IsMatch(v))
        {
            throw Refuse("e-mail address", v, "expected one address like name@example.com");
        }

        return v;
    }

    /// <summary>Web admin user names: letters, digits, <c>-_.@</c>, compared without case.</summary>
    public static string UserName(string? value)
    {
        var v = Required(value, "user name");
        if (v.Length > MaxIdLength || !UserNamePattern().IsMatch(v))
        {
            throw Refuse("user name", v, $"use letters, digits, '-', '_', '.' or '@' (at most {MaxIdLength})");
        }

        return v;
    }

    /// <summary>
    /// Passwords: at least <see cref="MinPasswordLength"/> characters, no control characters. Never quoted back in
    /// an error, so a refusal cannot echo a secret into a terminal or a log.
    /// </summary>
    public static string Password(string? value)
    {
        if (value is null || value.Length < MinPasswordLength)
        {
            throw new RoutingRefusedException($"The password is too short: use at least {MinPasswordLength} characters.");
        }

        if (value.Length > MaxPasswordLength || value.Any(char.IsControl))
        {
            throw new RoutingRefusedException($"The password must be at most {MaxPasswordLength} characters without control characters.");
        }

        return value;
    }

    /// <summary>A value quoted for a one-line error: cut to 40 characters, control characters shown as ?.</summary>
    public static string Describe(string value)
    {
        // Hostile values (10 KB, control characters) must not flood or corrupt the one-line error.
        var shown = value.Length > 40 ? value[..40] + "..." : value;
        var clean = new char[shown.Length];
        for (var i = 0; i < shown.Length; i++)
        {
            clean[i] = char.IsControl(shown[i]) ? '?' : shown[i];
        }

        return "'" + new string(clean) + "'";
    }

    private static string Text(string v, string what, int max)
    {
        if (v.Length > max)
        {
            throw Refuse(what, v, $"too long (at most {max} characters)");
        }

        if (v.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator))
        {
            throw Refuse(what, v, "contains control characters");
        }

        return v;
    }

    private static string Required(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new RoutingRefusedException($"The {what} is empty.");
        }

        return value.Trim();
    }

    private static RoutingRefusedException Refuse(string what, string value, string why) =>
        new($"{Describe(value)} is not a valid {what}: {why}.");

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex AgentIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._@-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"^[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex ExtensionPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex QueuePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_+*#-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex DialplanPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]{0,15}/[A-Za-z0-9_+.-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex EndpointPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
