using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadDesk.Ari.Client.Json;

/// <summary>One set of serializer options for everything Asterisk sends: snake_case names and its own timestamp format.</summary>
internal static class AriJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Asterisk is consistent about numbers, but channel variables and a few fields
        // come through as strings on some versions; accepting both costs nothing.
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new AsteriskTimestampConverter() },
    };
}
