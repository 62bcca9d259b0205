using System.Net;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.SignIn;

public class SignInEndpointsTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    [InlineData("/js/routes.js")]
    public async Task A_page_without_a_session_sends_the_browser_to_sign_in(string path)
    {
        await using var web = await WebHarness.StartAsync();
        using var client = web.Client();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/public/signin.html", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/routes")]
    [InlineData("/api/me")]
    [InlineData("/api/settings/alice")]
    [InlineData("/openapi/v1.json")]
    public async Task An_api_call_without_a_session_is_401(string path)
    {
        await using var web = await WebHarness.StartAsync();
        using var client = web.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_is_served_without_a_session()
    {
        await using var web = await WebHarness.StartAsync();
        using var client = web.Client();
        var response = await client.GetAsync("/public/signin.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sign in", await response.Content.ReadAsStringAsync(WebHarness.Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_the_right_one_opens_a_session()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        using var client = web.Client();

        var wrong = await client.SignInAsync("root", "not the password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Wrong user name or password.", await WebClient.ErrorAsync(wrong));

        var right = await client.SignInAsync("root", WebHarness.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var me = await client.GetJsonAsync("/api/me");
        Assert.Equal("root", me.GetProperty("name").GetString());
        Assert.Equal("admin", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_sign_in_without_the_anti_forgery_token_is_400()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        using var client = web.Client();

        var response = await client.SendAsync(HttpMethod.Post, "/api/session", new { name = "root", password = WebHarness.Password }, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_storm_is_limited_per_address_and_locks_the_account_only_for_the_lock_period()
    {
        await using var web = await WebHarness.StartAsync("--WebAdmin:SignInPermits=8");
        await web.AddUserAsync("root", UserRole.Admin);
        using var attacker = web.Client("127.0.0.1");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await attacker.SignInAsync("root", "guess " + i)).StatusCode);
        }

        // 4 wrong passwords, the 5th locks the account, attempts 6-8 meet the lock, 9 and 10 the address limit.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), statuses.Take(4));
        Assert.Equal(Enumerable.Repeat((HttpStatusCode)423, 4), statuses.Skip(4).Take(4));
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2), statuses.Skip(8));

        // Another address is not limited, but the account stays locked even for the right password ...
        using var admin = web.Client("127.0.0.2");
        var locked = await admin.SignInAsync("root", WebHarness.Password);
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        Assert.StartsWith("Too many failed sign-ins: this account is locked until 09:05:", await WebClient.ErrorAsync(locked), StringComparison.Ordinal);

        // ... until the lock period has passed: never for good.
        web.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await admin.SignInAsync("root", WebHarness.Password)).StatusCode);
    }

    [Fact]
    public async Task A_removed_user_loses_their_session_at_once()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        using var client = await web.SignedInAsync("root");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        await new UserDirectory(web.Store).RemoveAsync("root", WebHarness.Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        using var client = await web.SignedInAsync("root");

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, "/api/session")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }
}
