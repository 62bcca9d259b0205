using System.Net;
using System.Text.RegularExpressions;
using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.Hosting;

public partial class AdminWebAppTests
{
    [Fact]
    public async Task It_listens_on_loopback_8091_unless_told_otherwise()
    {
        Assert.Equal("http://127.0.0.1:8091", AdminWebApp.DefaultUrl);
        await using var web = await WebHarness.StartAsync();
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(web.BaseAddress.Host)));
    }

    [Fact]
    public async Task The_database_is_migrated_at_start()
    {
        await using var web = await WebHarness.StartAsync();
        Assert.Equal(LeadDesk.Store.RoutingStore.LatestSchemaVersion, await web.Store.GetSchemaVersionAsync(WebHarness.Ct));
    }

    [Fact]
    public async Task Pages_and_api_answers_carry_the_security_headers()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        using var client = await web.SignedInAsync("root");

        foreach (var path in new[] { "/", "/api/me", "/public/signin.html" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }

        Assert.Equal("no-store", (await client.GetAsync("/api/me")).Headers.CacheControl!.ToString());
    }

    [Fact]
    public void No_page_has_inline_script_or_event_handler_attributes()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var pages = Directory.GetFiles(root, "*.html", SearchOption.AllDirectories);
        Assert.NotEmpty(pages);
        foreach (var page in pages)
        {
            var html = File.ReadAllText(page);
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotMatch(EventAttribute(), html);
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        using var client = await web.SignedInAsync("root");

        var document = await client.GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/routes", "/api/routes/assign", "/api/agents", "/api/destinations", "/api/settings/{agentId}/greeting" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document");
        }
    }

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventAttribute();
}
