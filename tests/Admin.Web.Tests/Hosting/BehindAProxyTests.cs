using System.Net;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.Hosting;

/// <summary>Only the configured hosts are answered; https (and so the Secure cookie) comes from a known proxy only.</summary>
public class BehindAProxyTests
{
    [Theory]
    [InlineData("evil.example")]
    [InlineData("127.0.0.1.nip.io")]
    public async Task A_host_that_is_not_allowed_gets_400(string host)
    {
        await using var web = await WebHarness.StartAsync();
        using var client = web.Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/public/signin.html");
        request.Headers.Host = host;

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task This_machines_names_are_answered_by_default(string host)
    {
        await using var web = await WebHarness.StartAsync();
        using var client = web.Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/public/signin.html");
        request.Headers.Host = $"{host}:{web.BaseAddress.Port}";

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_configured_host_is_answered_and_the_defaults_no_longer()
    {
        await using var web = await WebHarness.StartAsync("--AllowedHosts=admin.example.com");
        using var client = web.Client();
        var ok = new HttpRequestMessage(HttpMethod.Get, "/public/signin.html");
        ok.Headers.Host = "admin.example.com";
        var refused = new HttpRequestMessage(HttpMethod.Get, "/public/signin.html");
        refused.Headers.Host = "localhost";

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ok)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(refused)).StatusCode);
    }

    [Fact]
    public async Task The_cookie_is_secure_when_a_known_proxy_says_https_and_only_then()
    {
        await using var web = await WebHarness.StartAsync("--WebAdmin:KnownProxies=127.0.0.9");
        await web.AddUserAsync("root", UserRole.Admin);

        var viaProxy = await SetCookieAsync(web, "127.0.0.9");
        var fromOutsider = await SetCookieAsync(web, "127.0.0.8");

        Assert.Contains("secure", viaProxy, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", fromOutsider, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", viaProxy, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", viaProxy, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string> SetCookieAsync(WebHarness web, string from)
    {
        using var client = web.Client(from);
        await client.RefreshTokenAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/session")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { name = "root", password = WebHarness.Password }),
        };
        request.Headers.Add("X-CSRF-TOKEN", client.Token);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("leaddesk.session=", StringComparison.Ordinal));
    }
}
