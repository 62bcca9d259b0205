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
        Assert.Equal(0, await CliApp.RunAsync(["status", "--health-url", url], stdout, stderr));
        Assert.Contains("ARI connected since", stdout.ToString(), StringComparison.Ordinal);

        // Asterisk goes away: the controller keeps running and says so.
        await controller.Sim.StopAsync();
        await controller.Sim.WaitForAsync(() => !controller.Sim.IsAppConnected("leaddesk"), TimeSpan.FromSeconds(5));
        await Task.Delay(200, ct);
        using (var down = await http.GetAsync(new Uri(url + "healthz"), ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            using var report = JsonDocument.Parse(await down.Content.ReadAsStringAsync(ct));
            Assert.False(report.RootElement.GetProperty("ariConnected").GetBoolean());
            Assert.False(string.IsNullOrEmpty(report.RootElement.GetProperty("lastError").GetString()));
        }

        Assert.Equal(3, await CliApp.RunAsync(["status", "--health-url", url], stdout, stderr));
        Assert.Contains("ARI NOT connected", stdout.ToString(), StringComparison.Ordinal);
    }
}
