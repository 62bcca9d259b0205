using System.Diagnostics.Metrics;
using System.Text;

namespace LeadDesk.RouteController.Metrics;

/// <summary>
/// Turns .NET instrument names, units and tags into Prometheus conventions: dots become underscores, the unit is
/// a suffix in base units (<c>_seconds</c>, <c>_bytes</c>), counters end in <c>_total</c>.
/// </summary>
internal static class PrometheusNames
{
    public static string Of(Instrument instrument)
    {
        var name = Sanitize(instrument.Name);
        var unit = instrument.Unit switch
        {
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            _ => null, // {call}, {request}, 1: annotations, not units
        };
        if (unit is not null && !name.EndsWith("_" + unit, StringComparison.Ordinal))
        {
            name += "_" + unit;
        }

        return TypeOf(instrument) == "counter" ? name + "_total" : name;
    }

    public static string TypeOf(Instrument instrument)
    {
        var type = instrument.GetType();
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        return definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>) ? "counter"
            : definition == typeof(Histogram<>) ? "histogram"
            : "gauge";
    }

    /// <summary>The labels in the exposition's form, sorted by name so one set of tags is always one series.</summary>
    public static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return "";
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in sorted)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(Sanitize(key)).Append("=\"").Append(Escape(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "")).Append('"');
        }

        return text.ToString();
    }

    public static string Help(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Sanitize(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] != '_')
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }
}
