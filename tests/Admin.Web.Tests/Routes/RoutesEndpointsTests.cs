using System.Net;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.Routes;

public class RoutesEndpointsTests
{
    private static async Task<WebHarness> SeededAsync(int numbers)
    {
        var web = await WebHarness.StartAsync();
        await web.AddNumbersAsync(Enumerable.Range(0, numbers).Select(WebHarness.Number));
        await web.AddAgentAsync("alice", "1001");
        await web.AddAgentAsync("bob", "1002");
        await web.AddQueueAsync("sales");
        await web.AddUserAsync("root", UserRole.Admin);
        return web;
    }

    [Fact]
    public async Task Pages_of_a_filtered_table_come_from_the_server_with_the_total()
    {
        await using var web = await SeededAsync(3000);
        await web.RouteAsync(RouteTarget.Queue("sales"), Enumerable.Range(0, 1200).Select(WebHarness.Number).ToArray());
        using var client = await web.SignedInAsync("root");

        var first = await client.GetJsonAsync("/api/routes?type=unassigned&limit=100");
        var third = await client.GetJsonAsync("/api/routes?type=unassigned&limit=100&offset=200");
        var lastDesc = await client.GetJsonAsync("/api/routes?type=unassigned&sort=number&desc=true&limit=1");

        Assert.Equal(1800, first.GetProperty("total").GetInt32());
        Assert.Equal(100, first.GetProperty("items").GetArrayLength());
        Assert.Equal(WebHarness.Number(1200), first.GetProperty("items")[0].GetProperty("number").GetString());
        Assert.Equal(WebHarness.Number(1400), third.GetProperty("items")[0].GetProperty("number").GetString());
        Assert.Equal(WebHarness.Number(2999), lastDesc.GetProperty("items")[0].GetProperty("number").GetString());
        Assert.All(first.GetProperty("items").EnumerateArray(), r => Assert.Equal("Not assigned", r.GetProperty("destinationTypeName").GetString()));
    }

    [Fact]
    public async Task Queue_rows_are_not_selectable_and_carry_the_article_columns()
    {
        await using var web = await SeededAsync(3);
        await web.RouteAsync(RouteTarget.Queue("sales"), WebHarness.Number(0));
        await web.RouteAsync(RouteTarget.Agent("alice"), WebHarness.Number(1));
        using var client = await web.SignedInAsync("root");

        var items = (await client.GetJsonAsync("/api/routes")).GetProperty("items");

        Assert.False(items[0].GetProperty("selectable").GetBoolean());
        Assert.Equal("Inbound queue", items[0].GetProperty("destinationTypeName").GetString());
        Assert.Equal("sales", items[0].GetProperty("destination").GetString());
        Assert.True(items[1].GetProperty("selectable").GetBoolean());
        Assert.Equal("alice", items[1].GetProperty("destinationUser").GetString());
        Assert.Equal("Agent alice", items[1].GetProperty("destinationUserName").GetString());
    }

    [Fact]
    public async Task A_row_carries_its_callback_window_in_the_clis_words_and_null_when_off()
    {
        await using var web = await SeededAsync(2);
        await web.Routes.SetCallbackWindowAsync(new LeadDesk.Store.Numbers.NumberEntry(WebHarness.Number(0)), TimeSpan.FromDays(7), WebHarness.Ct);
        using var client = await web.SignedInAsync("root");

        var items = (await client.GetJsonAsync("/api/routes")).GetProperty("items");

        Assert.Equal("7d", items[0].GetProperty("callbackWindow").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, items[1].GetProperty("callbackWindow").ValueKind);
    }

    [Fact]
    public async Task A_bad_filter_is_refused_with_one_line()
    {
        await using var web = await SeededAsync(1);
        using var client = await web.SignedInAsync("root");

        var response = await client.GetAsync("/api/routes?type=everything");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("'everything' is not a destination type: use agent, queue, custom or unassigned.", await WebClient.ErrorAsync(response));
    }

    [Fact]
    public async Task Assigning_all_matching_the_filter_changes_them_all_and_the_audit_names_the_web_user()
    {
        await using var web = await SeededAsync(500);
        await web.RouteAsync(RouteTarget.Queue("sales"), WebHarness.Number(499));
        using var client = await web.SignedInAsync("root");

        var response = await client.SendAsync(HttpMethod.Post, "/api/routes/assign", new { filter = new { type = "unassigned" }, agent = "bob" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await web.Routes.PageAsync(new RoutePageQuery(new RouteFilter(DestinationType.Agent)), WebHarness.Ct);
        Assert.Equal(499, page.Total);
        var audit = await web.Routes.AuditAsync(WebHarness.Number(0), 10, WebHarness.Ct);
        Assert.Equal("root via web", Assert.Single(audit).Actor);
    }

    [Fact]
    public async Task An_all_matching_assign_with_one_queue_number_in_it_changes_nothing_and_says_the_clis_message()
    {
        await using var web = await SeededAsync(300);
        await web.RouteAsync(RouteTarget.Queue("sales"), WebHarness.Number(150));
        var before = await web.Routes.ListAsync(null, WebHarness.Ct);
        using var client = await web.SignedInAsync("root");

        var response = await client.SendAsync(HttpMethod.Post, "/api/routes/assign", new { filter = new { q = "+358401000" }, agent = "alice" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal($"'{WebHarness.Number(150)}' ({WebHarness.Number(150)}) is an inbound number of queue 'sales': unassign it first.", await WebClient.ErrorAsync(response));
        Assert.Equal(before, await web.Routes.ListAsync(null, WebHarness.Ct));
    }

    [Fact]
    public async Task Selected_numbers_are_assigned_and_unassigned_together()
    {
        await using var web = await SeededAsync(5);
        using var client = await web.SignedInAsync("root");
        string[] numbers = [WebHarness.Number(1), "0401000003"];

        var assigned = await client.SendAsync(HttpMethod.Post, "/api/routes/assign", new { numbers, agent = "alice" });
        var routes = await web.Routes.ListAsync(DestinationType.Agent, WebHarness.Ct);
        var unassigned = await client.SendAsync(HttpMethod.Post, "/api/routes/assign", new { numbers, agent = (string?)null });

        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal([WebHarness.Number(1), WebHarness.Number(3)], routes.Select(r => r.Number));
        Assert.Equal(HttpStatusCode.OK, unassigned.StatusCode);
        Assert.Empty(await web.Routes.ListAsync(DestinationType.Agent, WebHarness.Ct));
    }

    [Fact]
    public async Task The_edit_pop_up_change_uses_the_clis_checks()
    {
        await using var web = await SeededAsync(2);
        using var client = await web.SignedInAsync("root");
        var number = Uri.EscapeDataString(WebHarness.Number(0));

        var toQueue = await client.SendAsync(HttpMethod.Put, $"/api/routes/{number}", new { type = "queue", queue = "sales" });
        var unknownAgent = await client.SendAsync(HttpMethod.Put, $"/api/routes/{Uri.EscapeDataString(WebHarness.Number(1))}", new { type = "agent", agent = "zed" });
        var notANumber = await client.SendAsync(HttpMethod.Put, "/api/routes/abc", new { type = "unassigned" });

        Assert.Equal(HttpStatusCode.OK, toQueue.StatusCode);
        Assert.Equal(DestinationType.Queue, (await web.Routes.ListAsync(null, WebHarness.Ct))[0].DestinationType);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownAgent.StatusCode);
        Assert.Equal("There is no agent 'zed'.", await WebClient.ErrorAsync(unknownAgent));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notANumber.StatusCode);
    }

    [Fact]
    public async Task A_change_without_the_anti_forgery_token_is_400_and_changes_nothing()
    {
        await using var web = await SeededAsync(2);
        using var client = await web.SignedInAsync("root");

        var response = await client.SendAsync(HttpMethod.Post, "/api/routes/assign", new { numbers = new[] { WebHarness.Number(0) }, agent = "alice" }, withToken: false);
        client.Token = "forged";
        var forged = await client.SendAsync(HttpMethod.Post, "/api/routes/assign", new { numbers = new[] { WebHarness.Number(0) }, agent = "alice" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(await web.Routes.ListAsync(DestinationType.Agent, WebHarness.Ct));
    }

    [Fact]
    public async Task An_agent_user_cannot_see_or_change_routes()
    {
        await using var web = await SeededAsync(1);
        await web.AddUserAsync("al", UserRole.Agent, "alice");
        using var client = await web.SignedInAsync("al");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/routes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, "/api/routes/assign", new { numbers = new[] { WebHarness.Number(0) }, agent = "alice" })).StatusCode);
        Assert.Empty(await web.Routes.ListAsync(DestinationType.Agent, WebHarness.Ct));
    }
}
