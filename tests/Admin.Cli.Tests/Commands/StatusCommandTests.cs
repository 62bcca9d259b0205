using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using LeadDesk.Store;
using LeadDesk.Store.CallLog;

namespace Admin.Cli.Tests.Commands;

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

    // What the controller's /healthz sends (HealthReport), served by a real HTTP listener on loopback.
    private const string Healthz =
        """
        {"ariConnected":true,"connectedSince":"2026-12-02T00:00:00+00:00","activeCalls":3,"lastError":null,"asteriskVersion":"22.10.1",
         "earlyMedia":true,"acceptingCalls":true,"ariUrl":"http://127.0.0.1:8088","database":"","warnings":[],
         "voicemailPending":2,"voicemailOldestSeconds":754.3}
        """;

    [Fact]
    public async Task Status_shows_calls_in_progress_the_outbox_backlog_and_the_last_hour_by_outcome()
    {
        using var cli = new CliRun();
        Assert.Equal(0, await cli.OkAsync("numbers", "list"));
        var log = new CallLogStore(RoutingStore.Open(cli.DbPath));
        var now = DateTimeOffset.UtcNow;
        await EndedCallAsync(log, "a", now.AddMinutes(-5), CallOutcome.Answered);
        await EndedCallAsync(log, "b", now.AddMinutes(-10), CallOutcome.Answered);
        await EndedCallAsync(log, "c", now.AddMinutes(-20), CallOutcome.Unknown);
        await EndedCallAsync(log, "d", now.AddHours(-2), CallOutcome.Failed); // older than the hour
        await log.StartAsync("e", now.AddMinutes(-1), "+358401234567", "+358451112233", null, TestContext.Current.CancellationToken); // in progress
        using var controller = HealthServer.Start(Healthz);

        var (code, text, err) = await cli.RunAsync("status", "--health-url", controller.Url);
        var (jsonCode, json, _) = await cli.RunAsync("--json", "status", "--health-url", controller.Url);

        Assert.True(code == 0, err);
        Assert.Contains("Active calls: 3", text, StringComparison.Ordinal);
        Assert.Contains("Voicemail outbox: 2 waiting, oldest 00:12:34", text, StringComparison.Ordinal);
        Assert.Contains("Last hour: 3 calls: answered 2, unknown 1", text, StringComparison.Ordinal);
        Assert.Equal(0, jsonCode);
        using var report = JsonDocument.Parse(json);
        Assert.Equal(3, report.RootElement.GetProperty("activeCalls").GetInt32());
        Assert.Equal(2, report.RootElement.GetProperty("voicemailPending").GetInt32());
        var lastHour = report.RootElement.GetProperty("lastHourByOutcome");
        Assert.Equal(2, lastHour.GetProperty("answered").GetInt32());
        Assert.Equal(1, lastHour.GetProperty("unknown").GetInt32());
        Assert.Equal(0, lastHour.GetProperty("failed").GetInt32());
        Assert.Equal(Enum.GetValues<CallOutcome>().Length, lastHour.EnumerateObject().Count());
    }

    private static async Task EndedCallAsync(CallLogStore log, string channel, DateTimeOffset startedAt, CallOutcome outcome)
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await log.StartAsync(channel, startedAt, "+358401234567", "+358451112233", null, ct);
        await log.CompleteAsync(id, outcome, new CallCompletion(startedAt.AddSeconds(30), RouteType: "agent"), ct);
    }

    /// <summary>Answers GET /healthz with a fixed report until disposed.</summary>
    private sealed class HealthServer : IDisposable
    {
        private readonly HttpListener _listener = new();

        private HealthServer(string body)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
            probe.Stop();
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = ServeAsync(Encoding.UTF8.GetBytes(body));
        }

        public string Url { get; }

        public static HealthServer Start(string body) => new(body);

        public void Dispose() => ((IDisposable)_listener).Dispose();

        private async Task ServeAsync(byte[] body)
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var response = context.Response;
                response.StatusCode = context.Request.Url?.AbsolutePath == "/healthz" ? 200 : 404;
                response.ContentType = "application/json";
                await response.OutputStream.WriteAsync(body);
            }
        }
    }
}
