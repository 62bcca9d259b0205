using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.Admin;

/// <summary>
/// Every change the API offers, as an attacker sends it: without the anti-forgery token (each operation of
/// /openapi/v1.json, so a new screen's calls are covered when they are added), and with hostile values in each
/// create form (control characters, header injection, dial-string and SQL characters, huge strings). Each is
/// refused and changes nothing.
/// </summary>
public partial class ChangeRefusalTests
{
    [Fact]
    public async Task Every_change_in_the_api_without_the_anti_forgery_token_is_refused_and_changes_nothing()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddAgentAsync("alice", "1001");
        await web.AddUserAsync("root", UserRole.Admin);
        await web.AddUserAsync("help", UserRole.Support);
        using var admin = await web.SignedInAsync("root");
        using var support = await web.SignedInAsync("help");
        var before = await SnapshotAsync(admin);
        using var openApi = JsonDocument.Parse(await (await admin.GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync(WebHarness.Ct));

        var changes = 0;
        foreach (var path in openApi.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "post" or "put" or "delete"))
            {
                var url = Placeholder().Replace(path.Name, m => Sample(m.Groups[1].Value));
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var response = await admin.SendAsync(method, url, new { name = "x" }, withToken: false);
                if (response.StatusCode == HttpStatusCode.Forbidden)
                {
                    // Support's own operations (custom destinations): the token must be what stops them there.
                    response = await support.SendAsync(method, url, new { name = "x" }, withToken: false);
                }

                var body = await response.Content.ReadAsStringAsync(WebHarness.Ct);
                Assert.True(
                    response.StatusCode == HttpStatusCode.BadRequest && body.Contains("anti-forgery", StringComparison.Ordinal),
                    $"{operation.Name.ToUpperInvariant()} {url} without the token answered {(int)response.StatusCode} {body}");
                changes++;
            }
        }

        Assert.True(changes >= 30, $"only {changes} change operations found in /openapi/v1.json");
        Assert.Equal(before, await SnapshotAsync(admin));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync("/api/me")).StatusCode);
    }

    public static TheoryData<string, string, object> HostileForms => new()
    {
        { "/api/numbers", "/api/routes?limit=500", new { text = "+358401234567\r\n12;DROP TABLE inbound_numbers", label = "x" } },
        { "/api/numbers", "/api/routes?limit=500", new { text = "+358401234567", label = "evil\u0000label\r\nBcc: all@example.com" } },
        { "/api/agents", "/api/agents", new { id = "eve", name = "Eve\r\nBcc: all@example.com", extension = "1003", emails = new[] { "eve@example.com" } } },
        { "/api/agents", "/api/agents", new { id = "eve", name = "Eve", extension = "1003&PJSIP/2000", emails = new[] { "eve@example.com" } } },
        { "/api/agents", "/api/agents", new { id = "eve", name = "Eve", extension = "1003", emails = new[] { "eve@example.com\r\nBcc: all@example.com" } } },
        { "/api/agents", "/api/agents", new { id = "../eve", name = "Eve", extension = "1003", emails = new[] { "eve@example.com" } } },
        { "/api/campaigns", "/api/campaigns", new { name = "sales", callerId = "+358401234567;x", callerName = "Sales" } },
        { "/api/campaigns", "/api/campaigns", new { name = "sales\r\nx", callerName = "Sales" } },
        { "/api/queues", "/api/queues", new { name = "support,s,1,System(id)" } },
        { "/api/queues", "/api/queues", new { name = new string('q', 10_000) } },
        { "/api/users", "/api/users", new { name = "mallory\u001b[31m", role = "admin", password = "a long enough secret" } },
        { "/api/users", "/api/users", new { name = "mallory", role = "root", password = "a long enough secret" } },
        { "/api/destinations", "/api/destinations", new { name = "x", kind = "endpoint", endpoint = "PJSIP/2001&PJSIP/2002" } },
    };

    [Theory]
    [MemberData(nameof(HostileForms))]
    public async Task A_hostile_value_in_a_create_form_is_refused_with_a_4xx_and_nothing_is_stored(string path, string listing, object form)
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddAgentAsync("alice", "1001");
        await web.AddUserAsync("help", UserRole.Support);
        using var support = await web.SignedInAsync("help");
        var before = await support.GetAsync(listing);
        var beforeBody = await before.Content.ReadAsStringAsync(WebHarness.Ct);

        var response = await support.SendAsync(HttpMethod.Post, path, form);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(WebHarness.Ct)}");
        Assert.Equal(beforeBody, await (await support.GetAsync(listing)).Content.ReadAsStringAsync(WebHarness.Ct));
    }

    private static async Task<string> SnapshotAsync(WebClient client)
    {
        var parts = new List<string>();
        foreach (var listing in new[] { "/api/agents", "/api/users", "/api/queues", "/api/campaigns", "/api/destinations", "/api/outbound", "/api/routes?limit=500" })
        {
            parts.Add(await (await client.GetAsync(listing)).Content.ReadAsStringAsync(WebHarness.Ct));
        }

        return string.Join("\n", parts);
    }

    // A value each route parameter names something that exists, so a missing check would change it.
    private static string Sample(string parameter) => parameter.ToLowerInvariant() switch
    {
        "number" => Uri.EscapeDataString("+358401000000"),
        "agentid" or "id" => "alice",
        "name" => "help",
        _ => "x",
    };

    [GeneratedRegex(@"\{([^}:]+)(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
