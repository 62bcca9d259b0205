using LeadDesk.Ari.Simulator;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using RouteController.Tests.Support;

namespace RouteController.Tests.Greetings;

/// <summary>
/// Greetings live in the database and Asterisk fetches them from the controller over loopback HTTP: a greeting made
/// anywhere (the web admin, the phone) reaches the next voicemail caller, and one Asterisk's spool does not have
/// (a rebuilt box) is never played as a stored recording that plays nothing.
/// </summary>
public sealed class GreetingMediaTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private static async Task<RunningController> StartWithAliceOnVoicemailAsync()
    {
        var controller = await RunningController.StartAsync();
        await controller.AssignToAliceAsync(loggedIn: false, voicemail: "alice@example.com");
        return controller;
    }

    private static Task SaveGreetingAsync(RunningController controller, TimeSpan length, DateTimeOffset recordedAt) =>
        new AgentGreetings(RoutingStore.Open(controller.DatabasePath))
            .SaveAsync(new AgentGreeting("alice", AgentGreetings.RecordingNameFor("alice"), Wav.Create(length), recordedAt), TestContext.Current.CancellationToken);

    private static async Task<string> GreetingHeardByNextCallerAsync(RunningController controller)
    {
        var caller = await controller.CallAsync();
        // The message is recorded only after the greeting and the beep have played.
        await controller.Sim.WaitForAsync(() => controller.Sim.LiveRecordings.Count > 0, Within);
        var heard = controller.Sim.PlayedMedia(caller.ChannelId!);
        await caller.HangUpAsync();
        await controller.AssertNothingLeftAsync();
        Assert.Equal("sound:beep", heard[1]);
        return heard[0];
    }

    [Fact]
    public async Task A_greeting_only_the_database_has_is_fetched_by_Asterisk_and_greets_the_caller_before_the_beep()
    {
        await using var controller = await StartWithAliceOnVoicemailAsync();
        await SaveGreetingAsync(controller, TimeSpan.FromSeconds(1), DateTimeOffset.UtcNow);
        Assert.Empty(controller.Sim.StoredRecordingNames);

        var greeting = await GreetingHeardByNextCallerAsync(controller);

        Assert.StartsWith("sound:http://127.0.0.1:", greeting, StringComparison.Ordinal);
        Assert.Contains(greeting["sound:".Length..], controller.Sim.FetchedMedia);
        Assert.DoesNotContain(controller.Sim.Events, e => e.Type == "PlaybackFinished" && (string?)e.Json["playback"]?["state"] == "failed");
    }

    [Fact]
    public async Task Each_version_of_a_greeting_has_its_own_url_and_an_old_one_is_no_longer_served()
    {
        await using var controller = await StartWithAliceOnVoicemailAsync();
        await SaveGreetingAsync(controller, TimeSpan.FromSeconds(1), DateTimeOffset.UtcNow.AddMinutes(-5));
        var first = await GreetingHeardByNextCallerAsync(controller);
        await SaveGreetingAsync(controller, TimeSpan.FromSeconds(2), DateTimeOffset.UtcNow);
        var second = await GreetingHeardByNextCallerAsync(controller);

        Assert.NotEqual(first, second);
        using var http = new HttpClient();
        var old = await http.GetAsync(first["sound:".Length..], TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, old.StatusCode);
        var current = await http.GetAsync(second["sound:".Length..], TestContext.Current.CancellationToken);
        Assert.Equal("audio/wav", current.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2.0, Wav.Length(await current.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).TotalSeconds, 1);
        // Longer than Asterisk's media-cache file name, which short URLs fail on (Asterisk issue 444).
        Assert.True(second.Length > 100, second);
    }

    [Fact]
    public async Task Without_a_greeting_the_caller_hears_the_default_prompt()
    {
        await using var controller = await StartWithAliceOnVoicemailAsync();

        Assert.Equal("sound:vm-intro", await GreetingHeardByNextCallerAsync(controller));
    }
}
