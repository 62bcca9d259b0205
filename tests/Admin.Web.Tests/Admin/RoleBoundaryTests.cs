using System.Net;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.Admin;

/// <summary>
/// Who reaches which of the admin screens' API, on real Kestrel: support may do an admin's daily job but not users or
/// the company's outbound settings; an agent reaches none of it, only their own Settings tab (availability included).
/// </summary>
public class RoleBoundaryTests
{
    private static async Task<WebHarness> SeededAsync()
    {
        var web = await WebHarness.StartAsync();
        await web.AddAgentAsync("alice", "1001");
        await web.AddAgentAsync("bob", "1002");
        await web.AddUserAsync("root", UserRole.Admin);
        await web.AddUserAsync("help", UserRole.Support);
        await web.AddUserAsync("al", UserRole.Agent, "alice");
        return web;
    }

    public static TheoryData<string, string> AdminAndSupport => new()
    {
        { "GET", "/api/agents/alice" },
        { "GET", "/api/campaigns" },
        { "GET", "/api/queues" },
        { "GET", "/api/calls" },
        { "GET", "/api/calls/export" },
        { "GET", "/api/status" },
        { "GET", "/api/agents/presence" },
        { "POST", "/api/numbers" },
        { "PUT", "/api/numbers/+358401000000" },
        { "DELETE", "/api/numbers/+358401000000" },
        { "POST", "/api/agents" },
        { "PUT", "/api/agents/bob" },
        { "DELETE", "/api/agents/bob" },
        { "POST", "/api/campaigns" },
        { "PUT", "/api/campaigns/sales" },
        { "DELETE", "/api/campaigns/sales" },
        { "POST", "/api/queues" },
        { "DELETE", "/api/queues/sales" },
        { "PUT", "/api/routes/+358401000000/callback" },
        { "POST", "/api/routes/callback" },
        { "GET", "/api/routes/+358401000000/explain" },
    };

    public static TheoryData<string, string> AdminOnly => new()
    {
        { "GET", "/api/users" },
        { "POST", "/api/users" },
        { "PUT", "/api/users/al" },
        { "DELETE", "/api/users/al" },
        { "GET", "/api/outbound" },
        { "PUT", "/api/outbound" },
    };

    [Theory]
    [MemberData(nameof(AdminAndSupport))]
    [MemberData(nameof(AdminOnly))]
    public async Task An_agent_reaches_none_of_the_admin_screens(string method, string path)
    {
        await using var web = await SeededAsync();
        using var agent = await web.SignedInAsync("al");

        var response = await agent.SendAsync(new HttpMethod(method), path, method == "GET" ? null : new { });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AdminOnly))]
    public async Task Support_cannot_manage_users_or_the_outbound_settings(string method, string path)
    {
        await using var web = await SeededAsync();
        using var support = await web.SignedInAsync("help");

        var response = await support.SendAsync(new HttpMethod(method), path, method == "GET" ? null : new { });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AdminAndSupport))]
    public async Task Support_and_admins_reach_the_daily_screens(string method, string path)
    {
        await using var web = await SeededAsync();
        foreach (var name in new[] { "help", "root" })
        {
            using var user = await web.SignedInAsync(name);
            var response = await user.SendAsync(new HttpMethod(method), path, method == "GET" ? null : new { });
            Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task An_agent_sets_their_own_availability_and_nobody_elses()
    {
        await using var web = await SeededAsync();
        using var agent = await web.SignedInAsync("al");

        var own = await agent.SendAsync(HttpMethod.Put, "/api/settings/alice/availability", new { available = true });
        var other = await agent.SendAsync(HttpMethod.Put, "/api/settings/bob/availability", new { available = true });

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.True((await web.Agents.FindAsync("alice", WebHarness.Ct))!.LoggedIn);
        Assert.False((await web.Agents.FindAsync("bob", WebHarness.Ct))!.LoggedIn);
        var settings = await agent.GetJsonAsync("/api/settings/alice/");
        Assert.True(settings.GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task Every_new_operation_is_in_the_openapi_document()
    {
        await using var web = await SeededAsync();
        using var admin = await web.SignedInAsync("root");

        var paths = (await admin.GetJsonAsync("/openapi/v1.json")).GetProperty("paths");

        foreach (var (path, method) in new[]
                 {
                     ("/api/numbers", "post"), ("/api/numbers/{number}", "put"), ("/api/numbers/{number}", "delete"),
                     ("/api/agents", "post"), ("/api/agents/{id}", "put"), ("/api/agents/{id}", "delete"),
                     ("/api/campaigns", "get"), ("/api/campaigns", "post"), ("/api/campaigns/{name}", "put"), ("/api/campaigns/{name}", "delete"),
                     ("/api/queues", "get"), ("/api/queues", "post"), ("/api/queues/{name}", "delete"),
                     ("/api/users", "get"), ("/api/users", "post"), ("/api/users/{name}", "put"), ("/api/users/{name}", "delete"),
                     ("/api/me/password", "put"), ("/api/outbound", "get"), ("/api/outbound", "put"),
                     ("/api/routes/{number}/callback", "put"), ("/api/routes/{number}/explain", "get"),
                     ("/api/calls", "get"), ("/api/calls/export", "get"),
                     ("/api/settings/{agentId}/availability", "put"), ("/api/status", "get"), ("/api/agents/presence", "get"),
                 })
        {
            Assert.True(
                paths.TryGetProperty(path, out var item) || paths.TryGetProperty(path + "/", out item),
                $"{path} is not in /openapi/v1.json");
            Assert.True(item.TryGetProperty(method, out _), $"{method.ToUpperInvariant()} {path} is not in /openapi/v1.json");
        }
    }
}
