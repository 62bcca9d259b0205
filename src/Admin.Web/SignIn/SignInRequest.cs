using System.Text.Json;

namespace LeadDesk.Admin.Web.SignIn;

/// <summary>The sign-in form.</summary>
public sealed record SignInRequest(string? Name, string? Password)
{
    private const int MaxLoggedBody = 4096;

    /// <summary>
    /// The name of a sign-in that was refused before its body was read (429), for the log: at most the first 4 KB
    /// are read, and a body that is not the form gives null.
    /// </summary>
    public static async Task<string?> ReadNameAsync(HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var buffer = new byte[MaxLoggedBody];
            var read = await request.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
            using var json = JsonDocument.Parse(buffer.AsMemory(0, read));
            return json.RootElement.ValueKind == JsonValueKind.Object
                   && (json.RootElement.TryGetProperty("name", out var name) || json.RootElement.TryGetProperty("Name", out name))
                   && name.ValueKind == JsonValueKind.String
                ? name.GetString()
                : null;
        }
        catch (Exception e) when (e is JsonException or IOException or BadHttpRequestException)
        {
            return null;
        }
    }
}
