using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using LeadDesk.Ari.Simulator;

namespace Ari.Simulator.Tests;

/// <summary>
/// A call out through a trunk with /channels/create + /dial, as the recordings show it for an agent endpoint
/// (transcripts b_ to e_): StasisStart after create, Dial "" only after /dial, busy 17/486, no answer 19/480.
/// </summary>
public sealed class TrunkCallTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AsteriskSimulator _sim = null!;
    private readonly HttpClient _http = new();
    private readonly List<JsonObject> _events = [];
    private EventClient _ws = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await AsteriskSimulator.StartAsync(new SimulatorOptions { Username = "u", Password = "p", TimeScale = 0.01 });
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

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string uri)
    {
        using var resp = await _http.PostAsync(uri, null, Ct);
        var text = await resp.Content.ReadAsStringAsync(Ct);
        return (resp.StatusCode, text.Length > 0 && resp.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text) : null);
    }

    private Task<JsonObject> Event(string type, string id, string? status = null) =>
        _sim.WaitForEventAsync(type, e => ((string?)e["channel"]?["id"] == id || (string?)e["peer"]?["id"] == id) && (status is null || (string?)e["dialstatus"] == status));

    private async Task<string> CreateAsync(string number)
    {
        var (st, body) = await PostAsync($"channels/create?endpoint={Uri.EscapeDataString("PJSIP/" + number + "@carrier")}&app=leaddesk");
        Assert.Equal(HttpStatusCode.OK, st);
        Assert.Matches("^PJSIP/carrier-[0-9a-f]{8}$", (string)body!["name"]!);
        Assert.Equal("", (string)body["dialplan"]!["app_name"]!);
        return (string)body["id"]!;
    }

    [Fact]
    public async Task A_created_trunk_channel_is_in_Stasis_before_it_dials_and_presents_the_identity_set_on_it()
    {
        _sim.AddLead("+358451234567", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(20)) with { EarlyMedia = true });
        var id = await CreateAsync("+358451234567");
        await Event("StasisStart", id);
        Assert.False(_sim.TrunkCalls[0].Invited);
        Assert.DoesNotContain(_sim.Events, e => e.Type == "Dial");

        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync($"channels/{id}/variable?variable=CONNECTEDLINE(num,i)&value=%2B358401234567")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync($"channels/{id}/dial?timeout=5")).Status);

        await Event("Dial", id, "PROGRESS");
        await Event("Dial", id, "ANSWER");
        var trunk = Assert.Single(_sim.TrunkCalls);
        Assert.Equal(("+358451234567", "carrier", "+358401234567"), (trunk.Number, trunk.Trunk, trunk.FromNumber));
        Assert.Equal("+358451234567@carrier", (string)(await Event("Dial", id))["dialstring"]!);
    }

    [Fact]
    public async Task A_created_trunk_channel_with_only_its_caller_id_set_presents_anonymous_as_Asterisk_22_10_1_does()
    {
        // Seen on a real Asterisk 22.10.1 (AsteriskConfig.Tests OutboundCallTests without the CONNECTEDLINE variables):
        // From "Anonymous" <sip:anonymous@anonymous.invalid>, no P-Asserted-Identity. CALLERID is the channel's own party.
        _sim.AddLead("+358451234567", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(20)));
        var id = await CreateAsync("+358451234567");
        await Event("StasisStart", id);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync($"channels/{id}/variable?variable=CALLERID(num)&value=%2B358401234567")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync($"channels/{id}/dial?timeout=5")).Status);

        await Event("Dial", id, "ANSWER");
        var trunk = Assert.Single(_sim.TrunkCalls);
        Assert.Equal(("anonymous", "Anonymous"), (trunk.FromNumber, trunk.FromName));
    }

    [Fact]
    public async Task A_busy_lead_ends_with_17_486_and_a_lead_that_never_answers_with_19_480()
    {
        _sim.AddLead("+358451111111", PhoneScript.Busy486(TimeSpan.FromMilliseconds(10)));
        _sim.AddLead("+358452222222", PhoneScript.RingForever());
        var busy = await CreateAsync("+358451111111");
        var silent = await CreateAsync("+358452222222");
        await PostAsync($"channels/{busy}/dial?timeout=5");
        await PostAsync($"channels/{silent}/dial?timeout=1");

        var b = await Event("ChannelDestroyed", busy);
        Assert.Equal((17, 486), ((int)b["cause"]!, (int)b["tech_cause"]!));
        var s = await _sim.WaitForEventAsync("ChannelDestroyed", e => (string?)e["channel"]?["id"] == silent, TimeSpan.FromSeconds(5));
        Assert.Equal((19, 480), ((int)s["cause"]!, (int)s["tech_cause"]!));
    }

    [Fact]
    public async Task An_unknown_trunk_is_Allocation_failed_like_an_unknown_endpoint()
    {
        var (st, body) = await PostAsync($"channels/create?endpoint={Uri.EscapeDataString("PJSIP/+358451234567@nosuchtrunk")}&app=leaddesk");
        Assert.Equal(HttpStatusCode.InternalServerError, st);
        Assert.Equal("Allocation failed", (string)body!["error"]!);
    }
}
