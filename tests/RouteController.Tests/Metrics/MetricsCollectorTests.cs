using System.Net;
using System.Text.RegularExpressions;
using LeadDesk.Ari.Simulator;
using LeadDesk.Store;
using LeadDesk.Store.Voicemail;
using RouteController.Tests.Support;

namespace RouteController.Tests.Metrics;

/// <summary>
/// GET /metrics on the health listener as Prometheus scrapes it, against the real controller and the ARI
/// simulator: series exist at 0 from the start, counters move as calls do, and no label carries a number.
/// </summary>
public sealed partial class MetricsCollectorTests
{
    private static readonly TimeSpan CallEnds = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(RunningController Controller, string Url)> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var url = $"http://127.0.0.1:{FreePort()}/";
        var settings = RunningController.FastRouting();
        settings["Health:Url"] = url;
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return (await RunningController.StartAsync(settings: settings), url);
    }

    [Fact]
    public async Task A_quiet_controller_shows_every_series_at_zero_in_the_prometheus_text_format()
    {
        var (started, url) = await StartAsync();
        await using var controller = started;
        using var http = new HttpClient();

        var scrape = await Scrape.GetAsync(http, url, Ct);

        Assert.StartsWith("text/plain; version=0.0.4", scrape.ContentType, StringComparison.Ordinal);
        Assert.Equal(0, scrape["leaddesk_calls_active"]);
        Assert.Equal(1, scrape["leaddesk_ari_connected"]);
        Assert.Equal(0, scrape["leaddesk_ari_reconnects_total"]);
        Assert.Equal(0, scrape["leaddesk_calls_started_total{direction=\"inbound\"}"]);
        Assert.Equal(0, scrape["leaddesk_calls_started_total{direction=\"outbound\"}"]);
        Assert.Equal(0, scrape["leaddesk_calls_ended_total{direction=\"inbound\",outcome=\"failed\",route=\"none\"}"]);
        Assert.Equal(0, scrape["leaddesk_calls_ended_total{direction=\"outbound\",outcome=\"no-answer\",route=\"outbound\"}"]);
        Assert.Equal(0, scrape["leaddesk_call_decision_duration_seconds_count"]);
        Assert.Equal(0, scrape["leaddesk_call_decision_duration_seconds_bucket{le=\"+Inf\"}"]);
        Assert.Equal(0, scrape["leaddesk_call_originate_delay_seconds_count"]);
        Assert.Equal(0, scrape["leaddesk_voicemail_outbox_pending"]);
        Assert.Equal(0, scrape["leaddesk_voicemail_outbox_oldest_age_seconds"]);
        Assert.Equal(0, scrape["leaddesk_voicemail_smtp_failures_total{kind=\"temporary\"}"]);
        Assert.Equal(0, scrape["leaddesk_greetings_recorded_total"]);
        Assert.Equal(0, scrape["leaddesk_ari_events_total{type=\"StasisStart\"}"]);
        Assert.Equal(0, scrape["leaddesk_ari_request_duration_seconds_count{resource=\"playbacks\"}"]);
        // Connecting already asked Asterisk for its version and set the event filter.
        Assert.True(scrape["leaddesk_ari_requests_total{resource=\"asterisk\",status=\"2xx\"}"] >= 1);
        Assert.True(scrape["leaddesk_ari_requests_total{resource=\"applications\",status=\"2xx\"}"] >= 1);
        // The runtime's own meter: CPU, memory, GC.
        Assert.Contains(scrape.Samples.Keys, k => k.StartsWith("dotnet_process_cpu_time_seconds_total", StringComparison.Ordinal));
        Assert.Contains(scrape.Samples.Keys, k => k.StartsWith("dotnet_process_memory_working_set_bytes", StringComparison.Ordinal));
        Assert.Contains("# TYPE leaddesk_calls_ended_total counter", scrape.Text, StringComparison.Ordinal);
        Assert.Contains("# TYPE leaddesk_call_decision_duration_seconds histogram", scrape.Text, StringComparison.Ordinal);
        Assert.Contains("# TYPE leaddesk_calls_active gauge", scrape.Text, StringComparison.Ordinal);

        // The other paths of the listener keep their contract.
        using var health = await http.GetAsync(new Uri(url + "healthz"), Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var missing = await http.GetAsync(new Uri(url + "metricsx"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Counters_move_as_calls_do_and_no_label_is_a_phone_number_or_channel()
    {
        var (started, url) = await StartAsync();
        await using var controller = started;
        using var http = new HttpClient();
        var before = await Scrape.GetAsync(http, url, Ct);

        var unknown = await controller.CallAsync("+358409999999", callerNumber: "358451112233");
        await unknown.Ended.WaitAsync(CallEnds, Ct);
        await controller.AssignToAliceAsync();
        controller.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(50)));
        var answered = await controller.CallAsync(callerNumber: "358451112233");
        await controller.Sim.WaitForAsync(() => controller.Sim.LiveBridges.Any(b => b.Channels.Count == 2), CallEnds);
        var during = await Scrape.WhenAsync(http, url, s => s["leaddesk_calls_active"] == 1, Ct);
        await answered.HangUpAsync();
        await controller.CallLogRowAsync(answered.ChannelId!);

        const string AnsweredSeries = "leaddesk_calls_ended_total{direction=\"inbound\",outcome=\"answered\",route=\"agent\"}";
        var after = await Scrape.WhenAsync(http, url, s => s[AnsweredSeries] == 1 && s["leaddesk_calls_active"] == 0, Ct);

        Assert.Equal(1, during["leaddesk_calls_active"]);
        Assert.Equal(1, after["leaddesk_calls_ended_total{direction=\"inbound\",outcome=\"unknown\",route=\"unknown\"}"]);
        Assert.Equal(1, after[AnsweredSeries]);
        Assert.Equal(0, after["leaddesk_calls_active"]);
        Assert.Equal(2, after["leaddesk_calls_started_total{direction=\"inbound\"}"]);
        Assert.Equal(2, after.Samples.Where(s => s.Key.StartsWith("leaddesk_calls_ended_total", StringComparison.Ordinal)).Sum(s => s.Value));
        Assert.Equal(2, after["leaddesk_call_decision_duration_seconds_count"]);
        Assert.Equal(2, after["leaddesk_call_decision_duration_seconds_bucket{le=\"+Inf\"}"]);
        Assert.True(after["leaddesk_call_decision_duration_seconds_sum"] > 0);
        Assert.Equal(1, after["leaddesk_call_originate_delay_seconds_count"]);
        // Two callers and the agent's leg entered Stasis.
        Assert.Equal(3, after["leaddesk_ari_events_total{type=\"StasisStart\"}"] - before["leaddesk_ari_events_total{type=\"StasisStart\"}"]);
        Assert.True(after["leaddesk_ari_requests_total{resource=\"channels\",status=\"2xx\"}"] >= 3);
        Assert.True(after["leaddesk_ari_requests_total{resource=\"bridges\",status=\"2xx\"}"] >= 1);
        Assert.Equal(
            after["leaddesk_ari_requests_total{resource=\"channels\",status=\"2xx\"}"] + after["leaddesk_ari_requests_total{resource=\"channels\",status=\"4xx\"}"]
                + after["leaddesk_ari_requests_total{resource=\"channels\",status=\"5xx\"}"] + after["leaddesk_ari_requests_total{resource=\"channels\",status=\"error\"}"],
            after["leaddesk_ari_request_duration_seconds_count{resource=\"channels\"}"]);

        foreach (var value in LabelValues(after.Text))
        {
            Assert.DoesNotMatch(@"\d{5,}", value);
            Assert.NotEqual(unknown.ChannelId, value);
            Assert.NotEqual(answered.ChannelId, value);
        }
    }

    [Fact]
    public async Task An_unsent_voicemail_shows_as_backlog_with_its_age_and_the_failed_attempt_is_counted()
    {
        // Nothing listens on the mail port: every attempt fails and is retried later.
        var (started, url) = await StartAsync(new()
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
        });
        await using var controller = started;
        using var http = new HttpClient();
        var outbox = new VoicemailOutbox(RoutingStore.Open(controller.DatabasePath));
        await outbox.EnqueueAsync(new VoicemailMessage(
            "alice", "Alice Agent", "alice@example.com", "+358451112233", "Carrier", "+358401234567",
            DateTimeOffset.UtcNow.AddMinutes(-5), TimeSpan.FromSeconds(5), Voicemail.TestWav.Seconds(5)), Ct);

        var scrape = await Scrape.WhenAsync(http, url, s => s["leaddesk_voicemail_smtp_failures_total{kind=\"temporary\"}"] >= 1, Ct);
        using var health = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(url + "healthz"), Ct));

        Assert.True(scrape["leaddesk_voicemail_smtp_failures_total{kind=\"temporary\"}"] >= 1);
        Assert.Equal(1, scrape["leaddesk_voicemail_outbox_pending"]);
        Assert.InRange(scrape["leaddesk_voicemail_outbox_oldest_age_seconds"], 299, 400);
        Assert.Equal(1, health.RootElement.GetProperty("voicemailPending").GetInt32());
        Assert.InRange(health.RootElement.GetProperty("voicemailOldestSeconds").GetDouble(), 299, 400);
    }

    [Fact]
    public async Task With_metrics_off_there_is_no_metrics_page_and_health_still_answers()
    {
        var (started, url) = await StartAsync(new() { ["Health:Metrics"] = "false" });
        await using var controller = started;
        using var http = new HttpClient();

        using var metrics = await http.GetAsync(new Uri(url + "metrics"), Ct);
        using var health = await http.GetAsync(new Uri(url + "healthz"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static IEnumerable<string> LabelValues(string text) =>
        LabelValue().Matches(text).Select(m => m.Groups[1].Value);

    [GeneratedRegex("=\"([^\"]*)\"")]
    private static partial Regex LabelValue();

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
