using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadDesk.Store.CallLog;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Routing;
using LeadDesk.Store.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Admin.Web.Tests.Admin;

/// <summary>The admin screens' API on real Kestrel: the CLI's rules and messages, all or nothing, through the store classes.</summary>
public class AdminApiTests
{
    private static async Task<WebHarness> SeededAsync(params string[] settings)
    {
        var web = await WebHarness.StartAsync(settings);
        await web.AddNumbersAsync(Enumerable.Range(0, 4).Select(WebHarness.Number));
        await web.AddAgentAsync("alice", "1001");
        await web.AddQueueAsync("sales");
        await web.RouteAsync(RouteTarget.Queue("sales"), WebHarness.Number(0));
        await web.AddUserAsync("root", UserRole.Admin);
        return web;
    }

    [Fact]
    public async Task A_pasted_list_is_previewed_then_added_all_or_nothing()
    {
        await using var web = await SeededAsync();
        using var admin = await web.SignedInAsync("root");
        var text = "+358409000001,Sales line\n0409000002\nnot a number\n" + WebHarness.Number(1);

        var preview = await (await admin.SendAsync(HttpMethod.Post, "/api/numbers", new { text, preview = true })).Content.ReadFromJsonAsync<JsonElement>(WebHarness.Ct);
        Assert.Equal(2, preview.GetProperty("add").GetInt32());
        Assert.Equal(1, preview.GetProperty("refused").GetInt32());
        Assert.Equal(1, preview.GetProperty("unchanged").GetInt32());
        Assert.Contains("Line 3", preview.GetProperty("rows")[2].GetProperty("why").GetString(), StringComparison.Ordinal);

        var refused = await admin.SendAsync(HttpMethod.Post, "/api/numbers", new { text });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.StartsWith("Line 3:", await WebClient.ErrorAsync(refused), StringComparison.Ordinal);
        Assert.Null(await new NumberInventory(web.Store, web.Normalizer).FindAsync("+358409000001", WebHarness.Ct));

        var added = await admin.SendAsync(HttpMethod.Post, "/api/numbers", new { text = text.Replace("not a number\n", "", StringComparison.Ordinal) });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal("Sales line", (await new NumberInventory(web.Store, web.Normalizer).FindAsync("+358409000001", WebHarness.Ct))!.Label);
    }

    [Fact]
    public async Task A_hundred_thousand_line_import_fits_its_body_limit()
    {
        await using var web = await SeededAsync();
        using var admin = await web.SignedInAsync("root");
        var text = string.Join('\n', Enumerable.Range(0, 100_000).Select(i => $"+35850{3000000 + i},A label for this number {i}"));
        Assert.True(text.Length > 1024 * 1024);

        var response = await admin.SendAsync(HttpMethod.Post, "/api/numbers", new { text, preview = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(100_000, (await response.Content.ReadFromJsonAsync<JsonElement>(WebHarness.Ct)).GetProperty("add").GetInt32());
    }

    [Fact]
    public async Task A_routed_number_is_not_removed_and_the_message_is_the_clis()
    {
        await using var web = await SeededAsync();
        using var admin = await web.SignedInAsync("root");

        var response = await admin.SendAsync(HttpMethod.Delete, "/api/numbers/" + Uri.EscapeDataString(WebHarness.Number(0)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal($"'{WebHarness.Number(0)}' ({WebHarness.Number(0)}) routes to queue:sales: unassign it first ('routes unassign').", await WebClient.ErrorAsync(response));
    }

    [Fact]
    public async Task A_queue_number_moves_to_an_agent_in_one_confirmed_save_audited_as_the_web_user()
    {
        await using var web = await SeededAsync();
        using var admin = await web.SignedInAsync("root");
        var path = "/api/routes/" + Uri.EscapeDataString(WebHarness.Number(0));

        var refused = await admin.SendAsync(HttpMethod.Put, path, new { type = "agent", agent = "alice" });
        var moved = await admin.SendAsync(HttpMethod.Put, path, new { type = "agent", agent = "alice", fromQueue = "sales" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("Agent alice", (await moved.Content.ReadFromJsonAsync<JsonElement>(WebHarness.Ct)).GetProperty("said").GetString());
        var audit = await web.Routes.AuditAsync(WebHarness.Number(0), 2, WebHarness.Ct);
        Assert.All(audit, a => Assert.Equal("root via web", a.Actor));
    }

    [Fact]
    public async Task Explain_gives_the_same_lines_as_the_shared_decision_code()
    {
        await using var web = await SeededAsync();
        using var admin = await web.SignedInAsync("root");

        var said = await admin.GetJsonAsync("/api/routes/" + Uri.EscapeDataString(WebHarness.Number(0)) + "/explain?from=0451234567");
        var expected = await RouteExplainer.ExplainAsync(web.Store, web.Normalizer, WebHarness.Number(0), "0451234567", new ExplainSettings(), WebHarness.Ct);

        Assert.Equal(expected.Lines, said.GetProperty("lines").EnumerateArray().Select(l => l.GetString()!));
        Assert.StartsWith($"{WebHarness.Number(0)} is an Inbound queue number", expected.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_call_log_filters_pages_newest_first_and_exports_csv()
    {
        await using var web = await SeededAsync();
        var log = new CallLogStore(web.Store);
        var start = new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 30; i++)
        {
            var id = await log.StartAsync($"c{i}", start.AddMinutes(i), WebHarness.Number(i % 3), "+358451234567", i == 0 ? "=HYPERLINK(\"x\")" : null, WebHarness.Ct);
            await log.CompleteAsync(id, i % 2 == 0 ? CallOutcome.Answered : CallOutcome.Busy, new CallCompletion(start.AddMinutes(i).AddSeconds(30), "agent", "alice"), WebHarness.Ct);
        }

        using var admin = await web.SignedInAsync("root");
        var page = await admin.GetJsonAsync("/api/calls?outcome=busy&limit=10");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(10, items.Count);
        Assert.True(page.GetProperty("hasMore").GetBoolean());
        Assert.All(items, i => Assert.Equal("busy", i.GetProperty("outcome").GetString()));
        Assert.Equal("c29", (await log.ListAsync(1, null, WebHarness.Ct))[0].ChannelId);
        Assert.Equal(start.AddMinutes(29), items[0].GetProperty("startedAt").GetDateTimeOffset());

        var prefix = await admin.GetJsonAsync("/api/calls?number=" + Uri.EscapeDataString(WebHarness.Number(1)) + "&limit=100");
        Assert.Equal(10, prefix.GetProperty("items").GetArrayLength());

        var refused = await admin.GetAsync("/api/calls?direction=sideways");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("'sideways' is not a direction: use inbound or outbound.", await WebClient.ErrorAsync(refused));

        var csv = await admin.GetAsync("/api/calls/export?from=2025-06-01T08:00:00Z&to=2025-06-01T08:05:00Z");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(WebHarness.Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("id,started_at,direction", lines[0], StringComparison.Ordinal);
        // A caller name cannot turn the cell into a spreadsheet formula: the cell starts with an apostrophe.
        Assert.Contains("\"'+358451234567 (=HYPERLINK(\"\"x\"\"))\"", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_password_is_shown_once_and_the_users_sessions_end()
    {
        await using var web = await SeededAsync();
        await web.AddUserAsync("al", UserRole.Agent, "alice");
        using var admin = await web.SignedInAsync("root");
        using var agent = await web.SignedInAsync("al");

        var reset = await (await admin.SendAsync(HttpMethod.Put, "/api/users/al", new { resetPassword = true })).Content.ReadFromJsonAsync<JsonElement>(WebHarness.Ct);
        var password = reset.GetProperty("password").GetString()!;

        Assert.Equal(16, password.Length);
        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.Client().SignInAsync("al", password)).StatusCode);
        var list = await admin.GetJsonAsync("/api/users");
        Assert.DoesNotContain("password", list.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_last_admin_is_neither_removed_nor_demoted_with_the_clis_message()
    {
        await using var web = await SeededAsync();
        using var admin = await web.SignedInAsync("root");

        var demote = await admin.SendAsync(HttpMethod.Put, "/api/users/root", new { role = "support" });
        var remove = await admin.SendAsync(HttpMethod.Delete, "/api/users/root");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, demote.StatusCode);
        Assert.Equal(UserDirectory.LastAdminMessage("root"), await WebClient.ErrorAsync(demote));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, remove.StatusCode);
        Assert.Equal(UserDirectory.LastAdminMessage("root"), await WebClient.ErrorAsync(remove));

        // A second admin: the rule is then the directory's own (another admin may go), and nobody removes themselves.
        await web.AddUserAsync("boss", UserRole.Admin);
        Assert.Equal("You cannot remove yourself: another admin must.", await WebClient.ErrorAsync(await admin.SendAsync(HttpMethod.Delete, "/api/users/root")));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, "/api/users/boss")).StatusCode);
    }

    [Fact]
    public async Task Status_and_who_is_on_a_call_come_from_the_controller_and_say_when_it_cannot_be_reached()
    {
        await using var controller = await ControllerDouble.StartAsync();
        await using var web = await SeededAsync($"--WebAdmin:ControllerUrl={controller.Url}");
        await using var nowhere = await SeededAsync("--WebAdmin:ControllerUrl=http://127.0.0.1:9/");
        using var admin = await web.SignedInAsync("root");
        using var alone = await nowhere.SignedInAsync("root");

        var status = await admin.GetJsonAsync("/api/status");
        Assert.True(status.GetProperty("health").GetProperty("ariConnected").GetBoolean());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("unreachable").ValueKind);
        var presence = await admin.GetJsonAsync("/api/agents/presence");
        Assert.Equal("alice", presence.GetProperty("onCall")[0].GetProperty("agentId").GetString());

        var down = await alone.GetJsonAsync("/api/status");
        Assert.Contains("not reachable at http://127.0.0.1:9/healthz", down.GetProperty("unreachable").GetString(), StringComparison.Ordinal);
        var unknown = await alone.GetJsonAsync("/api/agents/presence");
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("onCall").ValueKind);
        Assert.Contains("not reachable", unknown.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }
}

/// <summary>
/// What the web admin expects of the route controller's HTTP side (WebAdmin:ControllerUrl), served by a tiny Kestrel:
/// <c>GET /healthz</c> (the report <c>leaddesk-admin status</c> reads) and <c>GET /claims</c>, a JSON array of
/// <c>{"agentId", "callId", "since"}</c> for each agent the controller holds on a call.
/// </summary>
public sealed class ControllerDouble : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ControllerDouble(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public static async Task<ControllerDouble> StartAsync(bool ariConnected = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Json(new
        {
            ariConnected,
            acceptingCalls = ariConnected,
            ariUrl = "http://127.0.0.1:8088",
            connectedSince = "2025-06-02T08:00:00Z",
            activeCalls = 2,
            voicemailPending = 1,
            voicemailOldestSeconds = 42.0,
            asteriskVersion = "22.1.0",
            earlyMedia = true,
            lastError = ariConnected ? null : "connection refused at http://127.0.0.1:8088",
            database = "/var/lib/leaddesk/leaddesk.db",
            warnings = Array.Empty<string>(),
        }, statusCode: ariConnected ? 200 : 503));
        app.MapGet("/claims", () => new[] { new { agentId = "alice", callId = "1717315200.1", since = "2025-06-02T08:59:00.000Z" } });
        await app.StartAsync(WebHarness.Ct);
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/";
        return new ControllerDouble(app, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
