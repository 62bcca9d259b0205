using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Admin.Web.Tests;

/// <summary>A browser-like API client: its own cookie jar, the anti-forgery token in the header of changes.</summary>
public sealed class WebClient : IDisposable
{
    private readonly HttpClient _http;

    public WebClient(Uri baseAddress, IPAddress localAddress)
    {
        BaseAddress = baseAddress;
        var handler = new SocketsHttpHandler
        {
            CookieContainer = Cookies,
            UseCookies = true,
            AllowAutoRedirect = false,

            // Bind the client end to a chosen loopback address, so "per address" limits can be seen from two.
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(localAddress, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress };
    }

    public string? Token { get; set; }

    public Uri BaseAddress { get; }

    /// <summary>This client's cookie jar (a test copies a stolen session cookie out of it).</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>The session cookie's value, as an attacker who copied it would hold it.</summary>
    public string SessionCookie => Cookies.GetCookies(BaseAddress)["leaddesk.session"]?.Value
        ?? throw new InvalidOperationException("no session cookie");

    /// <summary>Puts a copied session cookie into this client's jar.</summary>
    public void UseSessionCookie(string value) => Cookies.Add(BaseAddress, new Cookie("leaddesk.session", value));

    /// <summary>Sends a request as built by the test (own headers such as Host or X-Forwarded-For).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request, WebHarness.Ct);

    public async Task RefreshTokenAsync()
    {
        var body = await _http.GetFromJsonAsync<JsonElement>("/api/antiforgery", WebHarness.Ct);
        Token = body.GetProperty("token").GetString();
    }

    public async Task<HttpResponseMessage> SignInAsync(string name, string password)
    {
        await RefreshTokenAsync();
        var response = await SendAsync(HttpMethod.Post, "/api/session", new { name, password });
        if (response.IsSuccessStatusCode)
        {
            // The token is bound to who is signed in: a signed-in page fetches a new one.
            await RefreshTokenAsync();
        }

        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path, WebHarness.Ct);

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(WebHarness.Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(WebHarness.Ct);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? json = null, bool withToken = true)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        if (withToken && Token is not null)
        {
            request.Headers.Add("X-CSRF-TOKEN", Token);
        }

        return _http.SendAsync(request, WebHarness.Ct);
    }

    public Task<HttpResponseMessage> SendBytesAsync(HttpMethod method, string path, byte[] body, string contentType)
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-CSRF-TOKEN", Token);
        return _http.SendAsync(request, WebHarness.Ct);
    }

    public static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(WebHarness.Ct)).GetProperty("error").GetString()!;

    public void Dispose() => _http.Dispose();
}
