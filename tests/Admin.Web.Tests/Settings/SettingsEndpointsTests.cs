using System.Net;
using System.Text;
using LeadDesk.Admin.Web.Settings;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.Settings;

public class SettingsEndpointsTests
{
    private static async Task<WebHarness> SeededAsync()
    {
        var web = await WebHarness.StartAsync();
        await web.AddAgentAsync("alice", "1001", "alice@example.com", "alice.home@example.com");
        await web.AddAgentAsync("bob", "1002");
        await web.AddUserAsync("al", UserRole.Agent, "alice");
        return web;
    }

    [Theory]
    [InlineData("GET", "/api/settings/bob/")]
    [InlineData("GET", "/api/settings/bob/greeting")]
    [InlineData("PUT", "/api/settings/bob/unreachable")]
    [InlineData("DELETE", "/api/settings/bob/greeting")]
    public async Task An_agent_cannot_read_or_change_another_agents_settings(string method, string path)
    {
        await using var web = await SeededAsync();
        using var client = await web.SignedInAsync("al");

        var response = await client.SendAsync(new HttpMethod(method), path, method == "PUT" ? new { unreachable = "none" } : null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("You may only see and change your own settings.", await WebClient.ErrorAsync(response));
    }

    [Fact]
    public async Task The_drop_down_offers_none_and_the_cards_addresses_and_saves_the_choice()
    {
        await using var web = await SeededAsync();
        using var client = await web.SignedInAsync("al");

        var settings = await client.GetJsonAsync("/api/settings/alice/");
        var chosen = await client.SendAsync(HttpMethod.Put, "/api/settings/alice/unreachable", new { unreachable = "voicemail:alice.home@example.com" });
        var foreign = await client.SendAsync(HttpMethod.Put, "/api/settings/alice/unreachable", new { unreachable = "voicemail:mallory@example.com" });

        Assert.Equal(["none", "voicemail:alice@example.com", "voicemail:alice.home@example.com"], settings.GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("none", settings.GetProperty("unreachable").GetString());
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreign.StatusCode);
        Assert.Equal("mallory@example.com is not one of agent 'alice''s e-mail addresses (alice@example.com, alice.home@example.com).", await WebClient.ErrorAsync(foreign));
        Assert.Equal(UnreachableDestination.VoicemailTo("alice.home@example.com"), (await web.Agents.FindAsync("alice", WebHarness.Ct))!.Unreachable);
    }

    [Fact]
    public async Task An_uploaded_greeting_is_kept_in_the_database_as_8_khz_16_bit_mono_wav_and_served_back()
    {
        TestAudio.RequireFfmpeg();
        await using var web = await SeededAsync();
        using var client = await web.SignedInAsync("al");

        var upload = await client.SendBytesAsync(HttpMethod.Put, "/api/settings/alice/greeting", TestAudio.Wav(2.5), "audio/wav");
        Assert.True(upload.StatusCode == HttpStatusCode.OK, await upload.Content.ReadAsStringAsync(WebHarness.Ct));

        var stored = (await new AgentGreetings(web.Store).FindAsync("alice", WebHarness.Ct))!;
        Assert.Equal("greeting-alice", stored.RecordingName);
        AssertAsteriskWav(stored.Wav, 2.5);

        var served = await client.GetAsync("/api/settings/alice/greeting");
        Assert.Equal("audio/wav", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(stored.Wav, await served.Content.ReadAsByteArrayAsync(WebHarness.Ct));

        var deleted = await client.SendAsync(HttpMethod.Delete, "/api/settings/alice/greeting");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Null(await new AgentGreetings(web.Store).FindAsync("alice", WebHarness.Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/settings/alice/greeting")).StatusCode);
    }

    [Fact]
    public async Task Audio_that_cannot_be_decoded_or_is_over_a_minute_is_refused_and_the_old_greeting_stays()
    {
        TestAudio.RequireFfmpeg();
        await using var web = await SeededAsync();
        using var client = await web.SignedInAsync("al");
        await client.SendBytesAsync(HttpMethod.Put, "/api/settings/alice/greeting", TestAudio.Wav(1), "audio/wav");
        var before = (await new AgentGreetings(web.Store).FindAsync("alice", WebHarness.Ct))!.Wav;

        var garbage = await client.SendBytesAsync(HttpMethod.Put, "/api/settings/alice/greeting", Encoding.UTF8.GetBytes("this is not audio at all"), "audio/mpeg");
        var tooLong = await client.SendBytesAsync(HttpMethod.Put, "/api/settings/alice/greeting", TestAudio.Wav(61, rate: 8000, channels: 1), "audio/wav");
        var tooLarge = await client.SendBytesAsync(HttpMethod.Put, "/api/settings/alice/greeting", new byte[GreetingConverter.MaxBytes + 1], "audio/wav");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, garbage.StatusCode);
        Assert.StartsWith("The file could not be read as audio", await WebClient.ErrorAsync(garbage), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Equal("The greeting is longer than 60 seconds: make it shorter.", await WebClient.ErrorAsync(tooLong));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(before, (await new AgentGreetings(web.Store).FindAsync("alice", WebHarness.Ct))!.Wav);
    }

    [Fact]
    public async Task An_admin_reaches_any_agents_settings()
    {
        await using var web = await SeededAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        using var client = await web.SignedInAsync("root");

        var settings = await client.GetJsonAsync("/api/settings/bob/");

        Assert.Equal("bob", settings.GetProperty("agentId").GetString());
    }

    internal static void AssertAsteriskWav(byte[] wav, double seconds)
    {
        Assert.Equal("RIFF", Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal("WAVE", Encoding.ASCII.GetString(wav, 8, 4));
        Assert.Equal(1, BitConverter.ToInt16(wav, 20));      // PCM
        Assert.Equal(1, BitConverter.ToInt16(wav, 22));      // mono
        Assert.Equal(8000, BitConverter.ToInt32(wav, 24));   // 8 kHz
        Assert.Equal(16, BitConverter.ToInt16(wav, 34));     // 16-bit
        Assert.Equal(seconds, GreetingConverter.WavDuration(wav).TotalSeconds, 0.05);
    }
}
