using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LeadDesk.Admin.Cli;
using RouteController.Tests.Support;

namespace RouteController.Tests.Health;

public sealed class HealthEndpointTests
{
    private static string FreeLoopbackUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/";
    }

    [Fact]
    public async Task Healthz_and_status_say_whether_ARI_is_connected()
    {
        var ct = TestContext.Current.CancellationToken;
        var url = FreeLoopbackUrl();
        var settings = RunningController.FastRouting();
        settings["Health:Url"] = url;
        await using var controller = await RunningController.StartAsync(settings: settings);
        using var http = new HttpClient();
        await ListeningAsync(http, url, ct);

        using (var up = await http.GetAsync(new Uri(url + "healthz"), ct))
        {
            Assert.Equal(HttpStatusCode.OK, up.StatusCode);
            using var report = JsonDocument.Parse(await up.Content.ReadAsStringAsync(ct));
            Assert.True(report.RootElement.GetProperty("ariConnected").GetBoolean());
            Assert.Equal(0, report.RootElement.GetProperty("activeCalls").GetInt32());
            Assert.Equal("22.10.1", report.RootElement.GetProperty("asteriskVersion").GetString());
        }

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["status", "--health-url", url, "--db", controller.DatabasePath], stdout, stderr));
        Assert.Contains($"ARI connected to {controller.Sim.BaseUrl} since", stdout.ToString(), StringComparison.Ordinal);

        // Asterisk goes away: the controller keeps running and says so.
        await controller.Sim.StopAsync();
        await controller.Sim.WaitForAsync(() => !controller.Sim.IsAppConnected("leaddesk"), TimeSpan.FromSeconds(5));
        // The controller notices the lost websocket a moment after Asterisk does: poll, bounded.
        using (var down = await HealthzWhenAsync(http, url, HttpStatusCode.ServiceUnavailable, ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            using var report = JsonDocument.Parse(await down.Content.ReadAsStringAsync(ct));
            Assert.False(report.RootElement.GetProperty("ariConnected").GetBoolean());
            Assert.False(string.IsNullOrEmpty(report.RootElement.GetProperty("lastError").GetString()));
        }

        Assert.Equal(3, await CliApp.RunAsync(["status", "--health-url", url, "--db", controller.DatabasePath], stdout, stderr));
        Assert.Contains("ARI NOT connected", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_counters_are_served_only_when_diagnostics_are_on_and_count_calls_and_their_state()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient();

        var closedUrl = FreeLoopbackUrl();
        var closed = RunningController.FastRouting();
        closed["Health:Url"] = closedUrl;
        await using (await RunningController.StartAsync(settings: closed))
        {
            await ListeningAsync(http, closedUrl, ct);
            using var refused = await http.GetAsync(new Uri(closedUrl + "debug/counters?collect=1"), ct);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        var url = FreeLoopbackUrl();
        var settings = RunningController.FastRouting();
        settings["Health:Url"] = url;
        settings["Health:Diagnostics"] = "true";
        await using var controller = await RunningController.StartAsync(settings: settings);
        await ListeningAsync(http, url, ct);
        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", LeadDesk.Ari.Simulator.PhoneScript.AnswerAfter(TimeSpan.Zero));

        var call = await controller.CallAsync();
        await controller.Sim.WaitForAsync(() => controller.Sim.LiveBridges.Count == 1, TimeSpan.FromSeconds(10));
        using (var during = JsonDocument.Parse(await http.GetStringAsync(new Uri(url + "debug/counters"), ct)))
        {
            Assert.Equal(1, during.RootElement.GetProperty("activeCalls").GetInt32());
            Assert.Equal(1, during.RootElement.GetProperty("agentsOnCall").GetInt32());
            Assert.True(during.RootElement.GetProperty("workingSetBytes").GetInt64() > 0);
        }

        await call.HangUpAsync();
        await controller.AssertNothingLeftAsync();
        await controller.CallLogRowAsync(call.ChannelId!);

        // The controller finishes with the call a moment after Asterisk does: poll, bounded.
        async Task<JsonElement> CountersAsync(string query = "")
        {
            using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri(url + "debug/counters" + query), ct));
            return json.RootElement.Clone();
        }

        var after = await Poll.UntilAsync(
            () => CountersAsync("?collect=1"),
            c => c.GetProperty("activeCalls").GetInt32() + c.GetProperty("trackedChannels").GetInt32() + c.GetProperty("agentsOnCall").GetInt32() == 0,
            TimeSpan.FromSeconds(5),
            "no call state left",
            ct);
        Assert.Equal(0, after.GetProperty("activeCalls").GetInt32());
        Assert.Equal(0, after.GetProperty("trackedChannels").GetInt32());
        Assert.Equal(0, after.GetProperty("agentsOnCall").GetInt32());
        Assert.True(after.GetProperty("gcHeapBytes").GetInt64() > 0);
    }

    private static Task<HttpResponseMessage> HealthzWhenAsync(HttpClient http, string url, HttpStatusCode status, CancellationToken ct) =>
        Poll.UntilAsync(() => http.GetAsync(new Uri(url + "healthz"), ct), r => r.StatusCode == status, TimeSpan.FromSeconds(5), $"/healthz {status}", ct);

    /// <summary>The listener is up when the host has started; polled all the same, bounded.</summary>
    private static Task ListeningAsync(HttpClient http, string url, CancellationToken ct) =>
        Poll.UntilNoAsync<HttpRequestException, HttpResponseMessage>(() => http.GetAsync(new Uri(url + "healthz"), ct), TimeSpan.FromSeconds(5), ct);
}
