using System.Net;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.Agents;

public class AgentsEndpointsTests
{
    [Fact]
    public async Task Admins_list_agents_see_a_card_and_log_an_agent_in_and_out()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddAgentAsync("alice", "1001", "alice@example.com", "a.work@example.com");
        await web.AddUserAsync("root", UserRole.Admin);
        using var client = await web.SignedInAsync("root");

        var list = await client.GetJsonAsync("/api/agents");
        var login = await client.SendAsync(HttpMethod.Post, "/api/agents/alice/login");
        var afterLogin = (await web.Agents.FindAsync("alice", WebHarness.Ct))!.LoggedIn;
        var logout = await client.SendAsync(HttpMethod.Post, "/api/agents/alice/logout");
        var unknown = await client.SendAsync(HttpMethod.Post, "/api/agents/zed/login");

        var card = Assert.Single(list.EnumerateArray());
        Assert.Equal("1001", card.GetProperty("extension").GetString());
        Assert.Equal(2, card.GetProperty("emails").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.True(afterLogin);
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.False((await web.Agents.FindAsync("alice", WebHarness.Ct))!.LoggedIn);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal("There is no agent 'zed'.", await WebClient.ErrorAsync(unknown));
    }

    [Fact]
    public async Task An_agent_user_cannot_log_agents_in()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddAgentAsync("alice", "1001");
        await web.AddAgentAsync("bob", "1002");
        await web.AddUserAsync("al", UserRole.Agent, "alice");
        using var client = await web.SignedInAsync("al");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, "/api/agents/bob/login")).StatusCode);
        Assert.False((await web.Agents.FindAsync("bob", WebHarness.Ct))!.LoggedIn);
    }
}
