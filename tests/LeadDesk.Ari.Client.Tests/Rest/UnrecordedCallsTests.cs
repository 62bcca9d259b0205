using System.Net;
using LeadDesk.Ari.Client.Rest;

namespace LeadDesk.Ari.Client.Tests.Rest;

/// <summary>Calls the transcripts never recorded: method, path and query checked against ari-spec.</summary>
public sealed class UnrecordedCallsTests
{
    private sealed class Capture : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Request = request;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
        }
    }

    public static TheoryData<string, string> Calls() => new()
    {
        { "progress", "POST /ari/channels/c1/progress" },
        { "ringStop", "DELETE /ari/channels/c1/ring" },
        { "setVar", "POST /ari/channels/c1/variable?variable=X&value=1" },
        { "dtmf", "POST /ari/channels/c1/dtmf?dtmf=12%23" },
        { "removeChannel", "POST /ari/bridges/b1/removeChannel?channel=c1" },
        { "createWithId", "POST /ari/bridges?type=mixing&bridgeId=b1&name=n" },
        { "stopLive", "POST /ari/recordings/live/r1/stop" },
        { "cancelLive", "DELETE /ari/recordings/live/r1" },
        { "deleteStored", "DELETE /ari/recordings/stored/r1" },
        { "record", "POST /ari/channels/c1/record?name=r1&format=wav&maxDurationSeconds=60&maxSilenceSeconds=5&beep=false&terminateOn=%23&ifExists=fail" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Builds_the_documented_request(string call, string expected)
    {
        var capture = new Capture();
        var ari = new AriClient(new HttpClient(capture), new AriOptions { BaseUrl = "http://a:8088" });
        var ct = TestContext.Current.CancellationToken;

        Task task = call switch
        {
            "progress" => ari.Channels.ProgressAsync("c1", ct),
            "ringStop" => ari.Channels.RingStopAsync("c1", ct),
            "setVar" => ari.Channels.SetVariableAsync("c1", "X", "1", ct),
            "dtmf" => ari.Channels.SendDtmfAsync("c1", "12#", ct),
            "removeChannel" => ari.Bridges.RemoveChannelAsync("b1", "c1", ct),
            "createWithId" => ari.Bridges.CreateAsync("b1", "mixing", "n", ct).ContinueWith(_ => { }, ct, TaskContinuationOptions.None, TaskScheduler.Default),
            "stopLive" => ari.Recordings.StopLiveAsync("r1", ct),
            "cancelLive" => ari.Recordings.CancelLiveAsync("r1", ct),
            "deleteStored" => ari.Recordings.DeleteStoredAsync("r1", ct),
            "record" => ari.Channels.RecordAsync("c1", new RecordRequest
            {
                Name = "r1", MaxDurationSeconds = 60, MaxSilenceSeconds = 5, Beep = false, TerminateOn = "#", IfExists = "fail",
            }, ct).ContinueWith(_ => { }, ct, TaskContinuationOptions.None, TaskScheduler.Default),
            _ => throw new ArgumentOutOfRangeException(nameof(call)),
        };
        await task;

        Assert.Equal(expected, $"{capture.Request!.Method} {capture.Request.RequestUri!.PathAndQuery}");
    }
}
