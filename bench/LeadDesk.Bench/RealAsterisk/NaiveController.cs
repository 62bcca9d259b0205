using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace LeadDesk.Bench.RealAsterisk;

/// <summary>
/// The naive peer: an ARI application of a few dozen lines, raw HttpClient and ClientWebSocket, one event at a
/// time. On a caller's StasisStart (<c>Stasis(benchnaive,2NNN)</c>) it originates PJSIP/2NNN into itself and then
/// rings the caller; on the leg's StasisStart (answered) it bridges the two; when either leaves, it hangs up the other.
/// </summary>
internal sealed class NaiveController : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly ClientWebSocket _ws = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, string> _partner = new(StringComparer.Ordinal);
    private Task _loop = Task.CompletedTask;

    private NaiveController(LabAsterisk lab)
    {
        _http = new HttpClient { BaseAddress = new Uri(lab.HttpBaseUrl + "/ari/") };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("leaddesk:" + lab.AriPassword)));
    }

    public static async Task<NaiveController> StartAsync(LabAsterisk lab)
    {
        var naive = new NaiveController(lab);
        naive._ws.Options.SetRequestHeader("Authorization", naive._http.DefaultRequestHeaders.Authorization!.ToString());
        await naive._ws.ConnectAsync(new Uri($"ws://127.0.0.1:{lab.HttpPort}/ari/events?app={LabAsterisk.NaiveApplication}"), CancellationToken.None);
        naive._loop = naive.RunAsync();
        return naive;
    }

    private async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (!_stop.IsCancellationRequested)
        {
            WebSocketReceiveResult received;
            try
            {
                received = await _ws.ReceiveAsync(buffer, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                return;
            }

            if (received.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage)
            {
                continue;
            }

            using var json = JsonDocument.Parse(message.ToArray());
            message.SetLength(0);
            try
            {
                await HandleAsync(json.RootElement);
            }
            catch (HttpRequestException)
            {
                // Naive: a failed request is ignored; the channel's own end tidies up.
            }
        }
    }

    private async Task HandleAsync(JsonElement e)
    {
        var type = e.GetProperty("type").GetString();
        if (type == "StasisStart")
        {
            var channel = e.GetProperty("channel").GetProperty("id").GetString()!;
            var args = e.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToArray();
            if (args is ["leg", var caller])
            {
                // The agent answered: bridge the two.
                var bridge = "naive-" + caller;
                await PostAsync($"bridges/{bridge}?type=mixing");
                await PostAsync($"channels/{caller}/answer");
                await PostAsync($"bridges/{bridge}/addChannel?channel={caller},{channel}");
                return;
            }

            var leg = channel + "-leg";
            _partner[channel] = leg;
            _partner[leg] = channel;
            await PostAsync($"channels?endpoint=PJSIP/{args[0]}&app={LabAsterisk.NaiveApplication}&appArgs=leg,{channel}&channelId={leg}&timeout=30");
            await PostAsync($"channels/{channel}/ring");
        }
        else if (type is "StasisEnd" or "ChannelDestroyed")
        {
            var channel = e.GetProperty("channel").GetProperty("id").GetString()!;
            if (_partner.TryRemove(channel, out var other))
            {
                _partner.TryRemove(other, out _);
                using var hangup = await _http.DeleteAsync($"channels/{other}");
                var caller = channel.EndsWith("-leg", StringComparison.Ordinal) ? other : channel;
                using var destroy = await _http.DeleteAsync($"bridges/naive-{caller}");
            }
        }
    }

    private async Task PostAsync(string path)
    {
        using var response = await _http.PostAsync(path, null);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _ws.Dispose();
        _http.Dispose();
        _stop.Dispose();
    }
}
