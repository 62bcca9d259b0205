using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace AsteriskConfig.Tests.RealAsterisk;

/// <summary>
/// The test's own view of Asterisk, independent of the controller and of our ARI client: plain HTTP with basic
/// auth, and an events websocket for a second Stasis application (<see cref="Name"/>) that only records events.
/// Calls are placed as Local channels into <c>from-carrier</c> and originated with <c>app=</c><see cref="Name"/>; Asterisk
/// then subscribes this application to both halves (res/ari/resource_channels.c subscribes the Local peer too), so
/// it sees what happens to the ;2 half that runs the carrier dialplan and enters the controller's Stasis application.
/// </summary>
internal sealed class AriTestApp : IAsyncDisposable
{
    public const string Name = "leaddesk-test";

    private readonly HttpClient _http;
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<JsonElement> _events = [];
    private Task _receiving = Task.CompletedTask;

    private AriTestApp(HttpClient http) => _http = http;

    public static async Task<AriTestApp> ConnectAsync(AsteriskFixture asterisk, TimeSpan timeout)
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AsteriskFixture.AriUser}:{asterisk.AriPassword}"));
        var http = new HttpClient { BaseAddress = new Uri(asterisk.HttpBaseUrl + "/ari/"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", auth);
        var app = new AriTestApp(http);
        try
        {
            // Basic auth in a header rather than api_key in the URL, so the password never lands in a log line.
            app._socket.Options.SetRequestHeader("Authorization", "Basic " + auth);
            using var cts = new CancellationTokenSource(timeout);
            await app._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{asterisk.HttpPort}/ari/events?app={Name}&subscribeAll=false"), cts.Token);
            app._receiving = app.ReceiveAsync(app._stop.Token);

            // Asterisk registers the application just after the websocket handshake; an originate with app= before
            // that is accepted (200) but its events go nowhere.
            if (!await app.IsApplicationRegisteredAsync(Name, timeout))
                throw new InvalidOperationException($"ARI application {Name} was not registered {timeout.TotalSeconds} s after its websocket connected");
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Polls <c>GET /ari/applications/{name}</c> until Asterisk lists the application (a websocket is connected for it).</summary>
    public async Task<bool> IsApplicationRegisteredAsync(string name, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using (var response = await _http.GetAsync("applications/" + Uri.EscapeDataString(name)))
                if (response.StatusCode == HttpStatusCode.OK) return true;
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// A carrier call for <paramref name="dialled"/>: <c>Local/{dialled}@from-carrier</c>, its two halves given our own
    /// ids so events can be matched before the originate's response arrives (ARI does not order the two).
    /// </summary>
    public async Task<CarrierCall> PlaceCarrierCallAsync(string dialled, string callerNumber, TimeSpan ringFor)
    {
        var call = CarrierCall.New(dialled);
        var query = string.Join('&', new Dictionary<string, string>
        {
            ["endpoint"] = $"Local/{dialled}@from-carrier",
            ["app"] = Name,
            ["callerId"] = $"Carrier test <{callerNumber}>",
            ["timeout"] = ((int)ringFor.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["channelId"] = call.NetworkId,
            ["otherChannelId"] = call.InboundId,
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        using var response = await _http.PostAsync("channels?" + query, content: null);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"originate {call} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return call;
    }

    /// <summary>Hangs a channel up if it still exists (clean-up after a failed test; 404 is the normal case).</summary>
    public async Task HangupQuietlyAsync(string channelId)
    {
        try
        {
            using var _ = await _http.DeleteAsync("channels/" + Uri.EscapeDataString(channelId));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
        }
    }

    /// <summary>Every event so far that concerns <paramref name="channelId"/>, oldest first.</summary>
    public IReadOnlyList<JsonElement> EventsFor(string channelId)
    {
        lock (_events) return _events.Where(e => AriEvent.Concerns(e, channelId)).ToList();
    }

    /// <summary>The first event about <paramref name="channelId"/> that matches, or null when none came in time.</summary>
    public async Task<JsonElement?> WaitForAsync(string channelId, Func<JsonElement, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var e in EventsFor(channelId))
                if (match(e)) return e;
            if (DateTime.UtcNow > deadline || _receiving.IsCompleted) return null;
            await Task.Delay(50);
        }
    }

    /// <summary>Events of both halves of a call, one line each, for failure messages.</summary>
    public string Describe(CarrierCall call)
    {
        var lines = new StringBuilder();
        foreach (var (half, id) in new[] { ("network ;1", call.NetworkId), ("inbound ;2", call.InboundId) })
        {
            lines.AppendLine($"--- events of {half} ({id}) ---");
            foreach (var e in EventsFor(id)) lines.AppendLine(AriEvent.Summary(e));
        }

        if (_receiving.IsCompleted) lines.AppendLine($"(the {Name} websocket is closed: {_receiving.Exception?.GetBaseException().Message ?? _socket.CloseStatusDescription})");
        return lines.ToString();
    }

    private async Task ReceiveAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (!ct.IsCancellationRequested)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer.AsMemory(), ct);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                return;
            }

            if (result.MessageType == WebSocketMessageType.Close) return;
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            using (var doc = JsonDocument.Parse(message.ToArray()))
                lock (_events) _events.Add(doc.RootElement.Clone());
            message.SetLength(0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _receiving;
        }
        catch (JsonException)
        {
            // A malformed event already ended the receive loop; nothing left to clean up for it.
        }

        _socket.Dispose();
        _http.Dispose();
        _stop.Dispose();
    }
}
