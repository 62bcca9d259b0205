using System.Globalization;
using LeadDesk.Store.Numbers;
using Microsoft.Extensions.Options;

namespace LeadDesk.Store.Validation;

/// <summary>
/// Collects what is wrong with one configuration section, each problem as one line that names the setting as
/// admins write it and the value: <c>Routing:RingTimeoutSeconds '-5' must be at least 1 (seconds)</c>. The options
/// validators of the controller (and the web admin) are written with it, so every start-up error reads alike.
/// </summary>
public sealed class SettingProblems(string section)
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Records a problem with <c>section:key</c> unless <paramref name="ok"/>.</summary>
    public SettingProblems Require(bool ok, string key, object? value, string problem)
    {
        if (!ok)
        {
            _problems.Add($"{section}:{key} {Show(value)} {problem}");
        }

        return this;
    }

    /// <summary>A number of seconds that must be at least <paramref name="minimum"/>.</summary>
    public SettingProblems AtLeast(string key, double value, double minimum) =>
        Require(double.IsFinite(value) && value >= minimum, key, value, $"must be at least {minimum.ToString(CultureInfo.InvariantCulture)} (seconds)");

    /// <summary>A count that must be at least <paramref name="minimum"/>.</summary>
    public SettingProblems AtLeast(string key, int value, int minimum) =>
        Require(value >= minimum, key, value, $"must be at least {minimum}");

    public SettingProblems Positive(string key, TimeSpan value) =>
        Require(value > TimeSpan.Zero, key, value, "must be a positive duration (e.g. 00:00:05)");

    public SettingProblems NotEmpty(string key, string? value) =>
        Require(!string.IsNullOrWhiteSpace(value), key, value, "must not be empty");

    /// <summary>An absolute http or https URL; empty passes when <paramref name="optional"/>.</summary>
    public SettingProblems HttpUrl(string key, string? value, bool optional = false)
    {
        if (optional && string.IsNullOrWhiteSpace(value))
        {
            return this;
        }

        var ok = Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(uri.Host);
        return Require(ok, key, value, "is not an absolute http(s) URL");
    }

    /// <summary>A region code libphonenumber knows (<c>FI</c>, <c>SE</c>, ...).</summary>
    public SettingProblems Region(string key, string? value) =>
        Require(PhoneNumberNormalizer.IsKnownRegion(value), key, value, "is not a known region code (ISO 3166, e.g. FI)");

    /// <summary>The options result: success, or a failure whose messages are the problems.</summary>
    public ValidateOptionsResult Result() => _problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_problems);

    private static string Show(object? value) => value switch
    {
        null => "(unset)",
        double d => "'" + d.ToString(CultureInfo.InvariantCulture) + "'",
        TimeSpan t => "'" + t.ToString("c", CultureInfo.InvariantCulture) + "'",
        string s => InputRules.Describe(s),
        _ => "'" + Convert.ToString(value, CultureInfo.InvariantCulture) + "'",
    };
}
