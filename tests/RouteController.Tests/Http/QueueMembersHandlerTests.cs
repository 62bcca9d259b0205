using System.Net;
using System.Text;
using RouteController.Tests.Support;

namespace RouteController.Tests.Http;

/// <summary>What res_config_curl asks the controller's HTTP side for app_queue's realtime members, and gets.</summary>
public sealed class QueueMembersHandlerTests
{
    [Fact]
    public async Task A_queues_members_are_answered_from_the_store_as_asterisk_asks_for_them()
    {
        var port = FreePort();
        var settings = RunningController.FastRouting();
        settings["Health:Url"] = $"http://127.0.0.1:{port}/";
        await using var controller = await RunningController.StartAsync(settings: settings);
        await controller.AssignToAliceAsync();
        await controller.AdminAsync("queues", "add", "support");
        await controller.AdminAsync("queues", "add", "sales");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        var empty = await MultiAsync(http, "support");
        await controller.AdminAsync("queues", "add-member", "support", "alice", "--penalty", "2");
        var one = await MultiAsync(http, "support");
        var other = await MultiAsync(http, "sales");
        var unknown = await MultiAsync(http, "nosuch");
        var require = await (await http.PostAsync("realtime/queue_members/require", Form("paused=integer1%3A1&uniqueid=uinteger2%3A5"), TestContext.Current.CancellationToken))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var update = await (await http.PostAsync("realtime/queue_members/update", Form("uniqueid=support-alice&paused=1"), TestContext.Current.CancellationToken))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal("", empty);
        Assert.Equal("uniqueid=support-alice&queue_name=support&interface=PJSIP%2F1001&membername=Alice%20Agent&penalty=2&paused=0\n", one);
        Assert.Equal("", other);
        Assert.Equal("", unknown);
        Assert.Equal("0", require);
        Assert.Equal("-1", update);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("realtime/queue_members/multi", TestContext.Current.CancellationToken)).StatusCode);
    }

    // As func_curl sends it: CURL(url/multi,interface%20LIKE=%25&queue_name=support).
    private static async Task<string> MultiAsync(HttpClient http, string queue)
    {
        var response = await http.PostAsync("realtime/queue_members/multi", Form($"interface%20LIKE=%25&queue_name={queue}"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static StringContent Form(string body) => new(body, Encoding.ASCII, "application/x-www-form-urlencoded");

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
