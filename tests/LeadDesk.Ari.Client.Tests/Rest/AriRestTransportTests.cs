using System.Net;
using System.Text;
using System.Text.Json;
using LeadDesk.Ari.Client.Rest;
using LeadDesk.Ari.Client.Tests.Support;

namespace LeadDesk.Ari.Client.Tests.Rest;

/// <summary>Request building, timeouts and error mapping that the transcripts do not exercise.</summary>
public sealed class AriRestTransportTests
{
    private sealed class StubHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, string? Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Requests.Add((request, request.Content is null ? null : await request.Content.ReadAsStringAsync(ct)));
            return await respond(request, ct);
        }
    }

    private static (AriClient Client, StubHandler Handler, CapturingLogger<AriClient> Logger) Create(
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond, TimeSpan? timeout = null)
    {
        var handler = new StubHandler(respond);
        var logger = new CapturingLogger<AriClient>();
        var options = new AriOptions { BaseUrl = "http://asterisk:8088/", Username = "u", Password = "pw-secret", RequestTimeout = timeout ?? TimeSpan.FromSeconds(5) };
        return (new AriClient(new HttpClient(handler), options, logger), handler, logger);
    }

    private static Task<HttpResponseMessage> Json(HttpStatusCode status, string json) =>
        Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    [Fact]
    public async Task A_call_that_outlives_RequestTimeout_fails_with_TimeoutException()
    {
        var (client, _, _) = Create(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        }, TimeSpan.FromMilliseconds(100));

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.Channels.AnswerAsync("c-1", TestContext.Current.CancellationToken));

        Assert.Contains("POST channels/c-1/answer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_cancellation_surfaces_as_OperationCanceledException_not_timeout()
    {
        var (client, _, _) = Create(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Channels.GetAsync("c-1", cts.Token));

        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task Originate_sends_variables_as_a_json_body_and_the_rest_in_the_query()
    {
        var (client, handler, _) = Create((_, _) => Json(HttpStatusCode.OK, """{"id":"our-id","name":"PJSIP/agent1001-1","state":"Down","creationtime":"2026-11-23T20:08:46.679+0000"}"""));

        var channel = await client.Channels.OriginateAsync(new OriginateRequest
        {
            Endpoint = "PJSIP/agent1001",
            App = "leaddesk",
            AppArgs = "agent,c-1",
            CallerId = "\"Caller\" <+358451112233>",
            Timeout = 30,
            ChannelId = "our-id",
            Variables = new Dictionary<string, string> { ["CALLERID(name)"] = "Caller & Co" },
        }, TestContext.Current.CancellationToken);

        Assert.Equal("our-id", channel.Id);
        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(
            "?endpoint=PJSIP%2Fagent1001&app=leaddesk&appArgs=agent%2Cc-1&callerId=%22Caller%22%20%3C%2B358451112233%3E&timeout=30&channelId=our-id",
            request.RequestUri!.Query);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        using var doc = JsonDocument.Parse(body!);
        Assert.Equal("Caller & Co", doc.RootElement.GetProperty("variables").GetProperty("CALLERID(name)").GetString());
    }

    [Fact]
    public async Task Ids_are_escaped_as_one_path_segment()
    {
        var (client, handler, _) = Create((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent)));

        await client.Channels.HangupAsync("weird/id?x", HangupReason.Busy, TestContext.Current.CancellationToken);

        Assert.Equal("http://asterisk:8088/ari/channels/weird%2Fid%3Fx?reason=busy", handler.Requests[0].Request.RequestUri!.AbsoluteUri);
    }

    [Theory]
    [InlineData(HangupReason.Normal, "normal")]
    [InlineData(HangupReason.NoAnswer, "no_answer")]
    [InlineData(HangupReason.Unallocated, "unallocated")]
    [InlineData(HangupReason.NormalUnspecified, "normal_unspecified")]
    [InlineData(HangupReason.NumberIncomplete, "number_incomplete")]
    [InlineData(HangupReason.CodecMismatch, "codec_mismatch")]
    [InlineData(HangupReason.AnsweredElsewhere, "answered_elsewhere")]
    public void Hangup_reasons_map_to_ari_tokens(HangupReason reason, string token) =>
        Assert.Equal(token, reason.ToAriToken());

    [Fact]
    public void Every_hangup_reason_has_a_distinct_token() =>
        Assert.Equal(13, Enum.GetValues<HangupReason>().Select(r => r.ToAriToken()).Distinct().Count());

    [Fact]
    public async Task A_bare_text_500_keeps_the_text_as_the_asterisk_message()
    {
        var (client, _, _) = Create((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError)
        {
            Content = new StringContent("Internal Server Error\n", Encoding.UTF8, "text/plain"),
        }));

        var ex = await Assert.ThrowsAsync<AriException>(() => client.Recordings.StopLiveAsync("greeting-1001", TestContext.Current.CancellationToken));

        Assert.Equal("Internal Server Error", ex.AsteriskMessage);
        Assert.Equal("recordings/live/greeting-1001/stop", ex.Path);
        Assert.False(ex.IsAllocationFailed);
    }

    [Fact]
    public async Task Media_lists_are_sent_comma_separated_and_copy_uses_destinationRecordingName()
    {
        var (client, handler, _) = Create((r, _) => r.RequestUri!.AbsolutePath.EndsWith("/copy", StringComparison.Ordinal)
            ? Json(HttpStatusCode.OK, """{"name":"b","format":"wav"}""")
            : Json(HttpStatusCode.Created, """{"id":"p","media_uri":"sound:a","target_uri":"bridge:x","state":"queued"}"""));

        var playback = await client.Bridges.PlayAsync("x", ["sound:a", "recording:b"], "p", ct: TestContext.Current.CancellationToken);
        var copy = await client.Recordings.CopyStoredAsync("a", "b", TestContext.Current.CancellationToken);

        Assert.Null(playback.TargetChannelId);
        Assert.Equal("b", copy.Name);
        Assert.Equal("?media=sound%3Aa%2Crecording%3Ab&playbackId=p", handler.Requests[0].Request.RequestUri!.Query);
        Assert.Equal("/ari/recordings/stored/a/copy?destinationRecordingName=b", handler.Requests[1].Request.RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task Capabilities_come_from_asterisk_info()
    {
        var (client, _, _) = Create((_, _) => Json(HttpStatusCode.OK, """{"system":{"version":"22.5.0","entity_id":"x"}}"""));

        var caps = await client.GetCapabilitiesAsync(TestContext.Current.CancellationToken);

        Assert.False(caps.SupportsProgress);
        Assert.Equal(22, caps.Version.Major);
    }

    [Fact]
    public async Task Errors_and_logs_never_carry_the_credentials()
    {
        var (client, handler, logger) = Create((_, _) => Json(HttpStatusCode.Unauthorized, """{"message":"Authentication required"}"""));

        var ex = await Assert.ThrowsAsync<AriException>(() => client.Asterisk.GetInfoAsync(TestContext.Current.CancellationToken));

        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("u:pw-secret"));
        Assert.Equal(basic, handler.Requests[0].Request.Headers.Authorization!.Parameter);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.NotEmpty(logger.Entries);
        foreach (var text in new[] { ex.ToString(), logger.AllText })
        {
            Assert.DoesNotContain("pw-secret", text, StringComparison.Ordinal);
            Assert.DoesNotContain(basic, text, StringComparison.Ordinal);
        }
    }
}
