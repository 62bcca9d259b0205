using LeadDesk.Admin.Web.Settings;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.Settings;

/// <summary>The agent's Settings tab in headless Chromium.</summary>
public class SettingsPageTests
{
    private static async Task<WebHarness> SeededAsync()
    {
        var web = await WebHarness.StartAsync();
        await web.AddAgentAsync("alice", "1001", "alice@example.com", "alice.home@example.com");
        await web.AddUserAsync("al", UserRole.Agent, "alice");
        return web;
    }

    [Fact]
    public async Task An_agent_sees_only_their_settings_and_picks_a_voicemail_address_from_the_drop_down()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("al");
        var page = browser.Page;

        await page.WaitForSelectorAsync("#tab-settings:not([hidden])");
        Assert.False(await page.Locator("[data-tab=routes]").IsVisibleAsync());
        Assert.False(await page.Locator("#settings-agent-label").IsVisibleAsync());
        var options = await page.Locator("#unreachable option").AllInnerTextsAsync();
        Assert.Equal(["None (disconnected tone)", "Voicemail to alice@example.com", "Voicemail to alice.home@example.com"], options);

        await page.SelectOptionAsync("#unreachable", "voicemail:alice.home@example.com");
        await page.WaitForSelectorAsync("#unreachable-status:has-text('Saved.')");
        await browser.ScreenshotAsync("agent-settings");

        Assert.Equal(UnreachableDestination.VoicemailTo("alice.home@example.com"), (await web.Agents.FindAsync("alice", WebHarness.Ct))!.Unreachable);
    }

    [Fact]
    public async Task An_uploaded_greeting_is_converted_and_plays_back_in_the_page()
    {
        TestAudio.RequireFfmpeg();
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("al");
        var page = browser.Page;
        var file = Path.Combine(web.Directory, "greeting-44k-stereo.wav");
        await File.WriteAllBytesAsync(file, TestAudio.Wav(3), WebHarness.Ct);

        await page.SetInputFilesAsync("#greeting-file", file);
        await page.ClickAsync("#greeting-upload");
        await page.WaitForSelectorAsync("#greeting-status:has-text('Greeting saved')");

        var stored = (await new AgentGreetings(web.Store).FindAsync("alice", WebHarness.Ct))!;
        SettingsEndpointsTests.AssertAsteriskWav(stored.Wav, 3);

        // The page's player loads the stored WAV and plays it.
        await page.WaitForFunctionAsync("() => { const a = document.getElementById('greeting-audio'); return a.readyState >= 1 && a.duration > 2.9; }");
        await page.EvaluateAsync("() => document.getElementById('greeting-audio').play()");
        await page.WaitForFunctionAsync("() => document.getElementById('greeting-audio').currentTime > 0.2");
        await browser.ScreenshotAsync("agent-greeting");
    }

    [Fact]
    public async Task A_greeting_recorded_in_the_browser_is_stored_as_8_khz_16_bit_mono_wav_and_plays_back()
    {
        TestAudio.RequireFfmpeg();
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web, fakeMicrophone: true);
        await browser.SignInAsync("al");
        var page = browser.Page;

        await page.ClickAsync("#greeting-record");
        // Chromium's fake microphone feeds the page; the status counts what has been recorded.
        await page.WaitForSelectorAsync("#greeting-status:has-text('Recording 0:02')");
        await page.ClickAsync("#greeting-stop");
        await page.WaitForSelectorAsync("#greeting-status:has-text('Greeting saved')");

        var stored = (await new AgentGreetings(web.Store).FindAsync("alice", WebHarness.Ct))!;
        var seconds = GreetingConverter.WavDuration(stored.Wav).TotalSeconds;
        Assert.InRange(seconds, 2.0, 30);
        SettingsEndpointsTests.AssertAsteriskWav(stored.Wav, seconds);
        Assert.True(TestAudio.Peak(stored.Wav) > 1000, "the stored greeting is silent: the microphone was not recorded");
        await page.WaitForFunctionAsync("() => { const a = document.getElementById('greeting-audio'); return a.readyState >= 1 && a.duration >= 2; }");
    }

    [Fact]
    public async Task A_file_that_is_not_audio_is_refused_in_the_page()
    {
        TestAudio.RequireFfmpeg();
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("al");
        var page = browser.Page;
        var file = Path.Combine(web.Directory, "notes.mp3");
        await File.WriteAllTextAsync(file, "not audio", WebHarness.Ct);

        await page.SetInputFilesAsync("#greeting-file", file);
        await page.ClickAsync("#greeting-upload");

        await page.WaitForSelectorAsync("#greeting-error:has-text('could not be read as audio')");
        Assert.Null(await new AgentGreetings(web.Store).FindAsync("alice", WebHarness.Ct));
    }
}
