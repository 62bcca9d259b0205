using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using LeadDesk.Ari.Simulator;

namespace Ari.Simulator.Tests;

/// <summary>
/// What the bench's decision figures measure: an inbound call until the first request naming its channel, an agent
/// calling out until the trunk leg's create that names the agent's channel only in appArgs; and the traffic counts.
/// </summary>
public sealed class DecisionLatencyProbeTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly DecisionLatencyProbe _probe = new();
    private readonly AriTraffic _traffic = new();
    private readonly List<JsonObject> _events = [];
    private readonly HttpClient _http = new();
    private AsteriskSimulator _sim = null!;
    private EventClient _ws = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await AsteriskSimulator.StartAsync(new SimulatorOptions { Username = "u", Password = "p", LatencyProbe = _probe, Traffic = _traffic });
        _http.BaseAddress = new Uri(_sim.BaseUrl + "/ari/");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("u:p"u8.ToArray()));
        _ws = await EventClient.ConnectAsync(_sim, "leaddesk", _events);
        await _sim.WaitForAsync(() => _sim.IsAppConnected("leaddesk"));
    }

    public async ValueTask DisposeAsync()
    {
        await _ws.DisposeAsync();
        await _sim.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Outbound_call_is_timed_to_the_trunk_create_that_names_it_in_appArgs_not_to_a_request_on_its_channel()
    {
        var agent = await _sim.PlaceInboundCallAsync(new InboundCall
        {
            Args = ["outbound", "+358451234567"], Exten = "+358451234567", Context = "from-agents", Endpoint = "1001", CallerNumber = "1001",
        });
        await _sim.WaitForEventAsync("StasisStart", e => (string?)e["channel"]?["id"] == agent.ChannelId);
        await _sim.WaitForAsync(() => _probe.Waiting == 1);

        // A request on the agent's own channel is not the outbound decision.
        await PostAsync($"channels/{agent.ChannelId}/variable?variable=X&value=1");
        Assert.Equal(1, _probe.Waiting);
        await PostAsync($"channels/create?endpoint=PJSIP%2F%2B358451234567%40carrier&app=leaddesk&appArgs=leg%2C{Uri.EscapeDataString(agent.ChannelId!)}&channelId=lead-1");

        Assert.Single(_probe.TakeOutbound());
        Assert.Empty(_probe.Take());
        Assert.Equal(0, _probe.Waiting);
    }

    [Fact]
    public async Task Inbound_call_is_timed_to_the_first_request_on_its_channel_and_traffic_is_counted_by_kind()
    {
        var call = await _sim.PlaceInboundCallAsync(new InboundCall { Args = ["inbound", "+358401234567"], Exten = "+358401234567", CallerNumber = "+358451112233" });
        await _sim.WaitForEventAsync("StasisStart", e => (string?)e["channel"]?["id"] == call.ChannelId);
        await _sim.WaitForAsync(() => _probe.Waiting == 1);
        _traffic.Take();

        await PostAsync($"channels/{call.ChannelId}/ring");
        await PostAsync($"channels/{call.ChannelId}/ring");
        Assert.Single(_probe.Take());
        Assert.Empty(_probe.TakeOutbound());

        var counts = _traffic.Take();
        Assert.Equal(2, counts.Requests["POST /channels/{id}/ring"]);
        Assert.Equal(2, counts.TotalRequests);
        Assert.Equal(0, _traffic.Take().TotalRequests);
    }

    [Theory]
    [InlineData("/ari/channels/1712.5/answer", "/channels/{id}/answer")]
    [InlineData("/ari/channels/create", "/channels/create")]
    [InlineData("/ari/channels", "/channels")]
    [InlineData("/ari/bridges/b-1/addChannel", "/bridges/{id}/addChannel")]
    [InlineData("/ari/endpoints/PJSIP/1001", "/endpoints/PJSIP/{id}")]
    [InlineData("/ari/asterisk/info", "/asterisk/info")]
    [InlineData("/ari/applications/leaddesk/eventFilter", "/applications/{id}/eventFilter")]
    public void Request_paths_are_counted_with_ids_replaced(string path, string kind) => Assert.Equal(kind, AriTraffic.Template(path));

    private async Task PostAsync(string uri)
    {
        using var response = await _http.PostAsync(uri, null, Ct);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent, $"{uri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }
}
