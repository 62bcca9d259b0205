using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AsteriskConfig.Tests.RealAsterisk.ProxySite;

/// <summary>
/// The test's plain-HTTP view of one Asterisk's ARI (basic auth, no application of its own): its channels, to hang
/// everything up between tests; the device states the controllers publish; whether the controller's application
/// is connected.
/// </summary>
internal sealed class AriRest : IDisposable
{
    private readonly HttpClient _http;

    public AriRest(AsteriskFixture asterisk)
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AsteriskFixture.AriUser}:{asterisk.AriPassword}"));
        _http = new HttpClient { BaseAddress = new Uri(asterisk.HttpBaseUrl + "/ari/"), Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", auth);
    }

    /// <summary>The ids and names of the channels Asterisk has now.</summary>
    public async Task<IReadOnlyList<(string Id, string Name, string Caller)>> ChannelsAsync()
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync("channels"));
        return doc.RootElement.EnumerateArray()
            .Select(c => (
                AriEvent.Text(c, "id") ?? "",
                AriEvent.Text(c, "name") ?? "",
                c.TryGetProperty("caller", out var caller) ? AriEvent.Text(caller, "number") ?? "" : ""))
            .ToList();
    }

    /// <summary>Hangs up every channel (a 404 for one that ended meanwhile is fine).</summary>
    public async Task HangupAllAsync()
    {
        foreach (var (id, _, _) in await ChannelsAsync())
        {
            using var _ = await _http.DeleteAsync("channels/" + Uri.EscapeDataString(id));
        }
    }

    /// <summary>A device state's value (<c>NOT_INUSE</c>, <c>INUSE</c>, ...), or null when Asterisk has none by that name.</summary>
    public async Task<string?> DeviceStateAsync(string name)
    {
        using var response = await _http.GetAsync("deviceStates/" + Uri.EscapeDataString(name));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return AriEvent.Text(doc.RootElement, "state");
    }

    /// <summary>Whether an ARI application of that name has its websocket connected.</summary>
    public async Task<bool> ApplicationRegisteredAsync(string name)
    {
        using var response = await _http.GetAsync("applications/" + Uri.EscapeDataString(name));
        return response.StatusCode == HttpStatusCode.OK;
    }

    public void Dispose() => _http.Dispose();
}
