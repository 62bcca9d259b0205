using System.Globalization;
using System.Text;

namespace LeadDesk.Ari.Client.Rest;

/// <summary>
/// Builds the query string. Every ARI parameter is sent there (that is what Asterisk documents and what
/// the recorded transcripts did); null values are left out so Asterisk applies its own defaults.
/// </summary>
internal sealed class AriQuery
{
    private readonly List<KeyValuePair<string, string>> _pairs = [];

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    public AriQuery Add(string name, string? value)
    {
        if (value is not null)
        {
            _pairs.Add(new(name, value));
        }

        return this;
    }

    public AriQuery Add(string name, int? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    // Asterisk's parser wants "true"/"false", not .NET's "True".
    public AriQuery Add(string name, bool? value) =>
        Add(name, value is null ? null : value.Value ? "true" : "false");

    /// <summary>ARI's allowMultiple parameters are comma-separated in one value.</summary>
    public AriQuery Add(string name, IEnumerable<string>? values) =>
        Add(name, values is null ? null : string.Join(',', values));

    public string ToQueryString()
    {
        if (_pairs.Count == 0)
        {
            return "";
        }

        var sb = new StringBuilder("?");
        foreach (var (name, value) in _pairs)
        {
            if (sb.Length > 1)
            {
                sb.Append('&');
            }

            sb.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return sb.ToString();
    }
}
