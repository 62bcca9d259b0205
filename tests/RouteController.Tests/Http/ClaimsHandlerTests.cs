using System.Net;
using System.Text.Json;
using LeadDesk.Store.Status;
using RouteController.Tests.Support;

namespace RouteController.Tests.Http;

/// <summary>
/// <c>GET /claims</c>: who this controller holds on a call, the web admin's "on a call now" on a SQLite site, read by
/// the web through <see cref="ControllerHealth.ClaimsAsync"/> exactly as it reads a real controller here.
/// </summary>
public sealed class ClaimsHandlerTests
{
    [Fact]
    public async Task Claims_list_the_agent_on_a_call_with_the_call_and_since_when_and_are_empty_after()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}/";
        var settings = RunningController.FastRouting();
        settings["Health:Url"] = url;
        await using var controller = await RunningController.StartAsync(settings: settings);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        await Poll.UntilNoAsync<HttpRequestException, HttpResponseMessage>(() => http.GetAsync("healthz", ct), TimeSpan.FromSeconds(5), ct);

        using (var idle = await http.GetAsync("claims", ct))
        {
            Assert.Equal(HttpStatusCode.OK, idle.StatusCode);
            Assert.Equal("application/json", idle.Content.Headers.ContentType?.MediaType);
            Assert.Equal("[]", await idle.Content.ReadAsStringAsync(ct));
        }

        Assert.Empty(await ControllerHealth.ClaimsAsync(new Uri(url), ct));

        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", LeadDesk.Ari.Simulator.PhoneScript.AnswerAfter(TimeSpan.Zero));
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var call = await controller.CallAsync();
        await controller.Sim.WaitForAsync(() => controller.Sim.LiveBridges.Any(b => b.Channels.Count == 2), TimeSpan.FromSeconds(10));

        // The exact shape the web admin reads (its test double, ControllerDouble, serves the same).
        var body = await http.GetStringAsync("claims", ct);
        using (var json = JsonDocument.Parse(body))
        {
            var claim = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal(["agentId", "callId", "since"], claim.EnumerateObject().Select(p => p.Name));
            Assert.Equal("alice", claim.GetProperty("agentId").GetString());
            Assert.Equal(call.ChannelId, claim.GetProperty("callId").GetString());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", claim.GetProperty("since").GetString());
        }

        // What the web admin's presence makes of it.
        var onCall = Assert.Single(await ControllerHealth.ClaimsAsync(new Uri(url), ct));
        Assert.Equal("alice", onCall.AgentId);
        Assert.Equal(call.ChannelId, onCall.CallId);
        Assert.InRange(onCall.Since!.Value, before, DateTimeOffset.UtcNow.AddSeconds(1));

        await call.HangUpAsync();
        // The controller lets Alice go a moment after Asterisk ends the call: poll, bounded.
        await Poll.UntilAsync(() => http.GetStringAsync("claims", ct), b => b == "[]", TimeSpan.FromSeconds(5), "no claim left", ct);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("claims", null, ct)).StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
