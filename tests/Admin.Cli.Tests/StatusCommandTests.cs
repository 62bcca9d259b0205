using System.Net;
using System.Net.Sockets;

namespace Admin.Cli.Tests;

public class StatusCommandTests
{
    [Fact]
    public async Task A_controller_that_is_not_running_is_reported_with_its_address_and_exit_3()
    {
        // A loopback port nobody listens on: bind one, note it, release it.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        using var cli = new CliRun();
        var (code, _, err) = await cli.RunAsync("status", "--health-url", $"http://127.0.0.1:{port}/");

        Assert.Equal(3, code);
        Assert.Contains($"127.0.0.1:{port}/healthz", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_health_url_that_is_not_http_is_a_usage_error()
    {
        using var cli = new CliRun();
        var (code, _, err) = await cli.RunAsync("status", "--health-url", "file:///etc/passwd");

        Assert.Equal(2, code);
        Assert.Contains("not an http", err, StringComparison.Ordinal);
    }
}
