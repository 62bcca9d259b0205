using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadDesk.Ari.Client.Json;

/// <summary>
/// Asterisk writes timestamps as <c>2026-11-23T20:08:46.671+0000</c>: an offset without a colon,
/// which neither ISO 8601 parsing in System.Text.Json nor the "zzz" specifier accepts.
/// </summary>
internal sealed class AsteriskTimestampConverter : JsonConverter<DateTimeOffset>
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.fffzzz",
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
    ];

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("Expected an Asterisk timestamp, got null.");
        if (TryParse(text, out var value))
        {
            return value;
        }

        throw new JsonException($"'{text}' is not an Asterisk timestamp.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        writer.WriteStringValue(
            value.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture)
            + string.Create(CultureInfo.InvariantCulture, $"{sign}{abs.Hours:00}{abs.Minutes:00}"));
    }

    internal static bool TryParse(string text, out DateTimeOffset value)
    {
        // Insert the colon .NET wants into a trailing +hhmm / -hhmm offset.
        var normalized = text;
        if (text.Length > 5 && (text[^5] == '+' || text[^5] == '-') && char.IsAsciiDigit(text[^1]))
        {
            normalized = string.Concat(text.AsSpan(0, text.Length - 2), ":", text.AsSpan(text.Length - 2));
        }

        return DateTimeOffset.TryParseExact(normalized, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}
