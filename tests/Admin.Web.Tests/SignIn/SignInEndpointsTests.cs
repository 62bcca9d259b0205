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
    public async Task A_removed_user_loses_their_session_at_once()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("boss", UserRole.Admin);
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
