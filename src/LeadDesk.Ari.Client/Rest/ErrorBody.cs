using System.Text;
using System.Text.Json;

namespace LeadDesk.Ari.Client.Rest;

/// <summary>
/// Asterisk's error bodies come in three shapes: {"message": ...}, {"error": ...} (Allocation failed),
/// and bare text from its HTTP layer. Callers only want the sentence.
/// </summary>
internal static class ErrorBody
{
    public static string? MessageOf(byte[] body, string? fallback)
    {
        if (body.Length == 0)
        {
            return fallback;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (ReadOnlySpan<string>)["message", "error"])
                {
                    if (doc.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return value.GetString();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the raw text.
        }

        return Encoding.UTF8.GetString(body).Trim();
    }
}
