using LeadDesk.Ari.Simulator;
using RouteController.Tests.Support;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.CallLog;
using CallOutcome = LeadDesk.Ari.Simulator.CallOutcome;

namespace RouteController.Tests.Greetings;

/// <summary>
/// An agent dials <c>*97</c> and works the greeting menus with DTMF, against the real controller host and the ARI
/// simulator, which records real WAV files and tells which media each channel heard.
/// </summary>
public sealed class GreetingCallTests
{
    private const string MainMenuMarker = "sound:digits/star";      // only the main menu says "press star"
    private const string ReviewMenuMarker = "sound:vm-saved";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Settings()
    {
        var settings = RunningController.FastRouting();
        settings["Greeting:KeyTimeout"] = "00:00:00.400";
        return settings;
    }

    private static async Task<RunningController> StartWithAliceAsync()
    {
        var controller = await RunningController.StartAsync(settings: Settings());
        await controller.AssignToAliceAsync(loggedIn: false, voicemail: "alice@example.com");
        return controller;
    }

    /// <summary>What <c>exten => *97,1,Stasis(leaddesk,greeting)</c> in <c>from-agents</c> hands over.</summary>
    private static Task<SimulatedCall> DialStar97Async(RunningController controller, string extension = "1001", TimeSpan? talk = null) =>
        controller.Sim.PlaceInboundCallAsync(new InboundCall
        {
            App = "leaddesk",
            Args = ["greeting"],
            Context = "from-agents",
            Exten = "*97",
            Endpoint = extension,
            CallerNumber = extension,
            CallerName = "Agent phone",
            Priority = 1,
            RecordingLength = talk,
        });

    private static int Heard(RunningController controller, SimulatedCall call, string media) =>
        controller.Sim.PlayedMedia(call.ChannelId!).Count(m => m == media);

    /// <summary>Alice's greeting as the controller serves it to Asterisk from the database (GreetingMedia).</summary>
    private static bool IsAlicesGreeting(string media) =>
        media.StartsWith("sound:http://127.0.0.1:", StringComparison.Ordinal) && media.Contains("/media/greetings/alice/", StringComparison.Ordinal) && media.EndsWith(".wav", StringComparison.Ordinal);

    /// <summary>Waits until the agent has been played <paramref name="media"/> <paramref name="times"/> times.</summary>
    private static Task HearsAsync(RunningController controller, SimulatedCall call, string media, int times = 1) =>
        controller.Sim.WaitForAsync(() => call.ChannelId is not null && Heard(controller, call, media) >= times, TimeSpan.FromSeconds(10));

    private static async Task PressAsync(RunningController controller, SimulatedCall call, string media, int times, char key)
    {
        await HearsAsync(controller, call, media, times);
        await call.SendDtmfAsync(key);
    }

    private static async Task<AgentGreeting?> StoredGreetingAsync(RunningController controller) =>
        await new AgentGreetings(RoutingStore.Open(controller.DatabasePath)).FindAsync("alice", Ct);

    /// <summary>Records and keeps a greeting of <paramref name="talk"/> through the menus, then leaves.</summary>
    private static async Task RecordAndKeepAsync(RunningController controller, TimeSpan talk)
    {
        var call = await DialStar97Async(controller, talk: talk);
        await PressAsync(controller, call, MainMenuMarker, 1, '2');
        await PressAsync(controller, call, ReviewMenuMarker, 1, '1');
        await PressAsync(controller, call, MainMenuMarker, 2, '#');
        await call.Ended.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task A_kept_greeting_is_stored_in_the_database_served_to_Asterisk_from_there_and_the_next_voicemail_caller_hears_it()
    {
        await using var controller = await StartWithAliceAsync();

        var call = await DialStar97Async(controller, talk: TimeSpan.FromSeconds(1.5));
        await PressAsync(controller, call, MainMenuMarker, 1, '2');
        await HearsAsync(controller, call, "sound:vm-rec-unv");
        await PressAsync(controller, call, ReviewMenuMarker, 1, '1');
        await HearsAsync(controller, call, "sound:vm-msgsaved");
        // '1' at the main menu: the agent hears what callers will hear now.
        await PressAsync(controller, call, MainMenuMarker, 2, '1');
        await controller.Sim.WaitForAsync(() => controller.Sim.PlayedMedia(call.ChannelId!).Any(IsAlicesGreeting), TimeSpan.FromSeconds(10));
        await PressAsync(controller, call, MainMenuMarker, 3, '#');
        await call.Ended.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.True(call.Answered);
        Assert.Equal(CallOutcome.HungUpByAsterisk, call.Outcome);
        Assert.Equal(1, Heard(controller, call, "sound:vm-goodbye") - 3);   // 3 in the menus, 1 on leaving
        // The draft is gone from Asterisk's spool: the database is the one copy, and the one Asterisk plays.
        await controller.Sim.WaitForAsync(() => controller.Sim.StoredRecordingNames.Count == 0, TimeSpan.FromSeconds(5));
        var kept = Assert.IsType<AgentGreeting>(await StoredGreetingAsync(controller));
        Assert.InRange(Wav.Length(kept.Wav).TotalSeconds, 1.4, 1.6);

        // Alice is logged out with voicemail: her next caller is greeted by the new recording.
        var caller = await controller.CallAsync();
        await controller.Sim.WaitForAsync(() => controller.Sim.LiveRecordings.Count > 0, TimeSpan.FromSeconds(10));
        var heard = controller.Sim.PlayedMedia(caller.ChannelId!);
        var greeting = Assert.Single(heard, IsAlicesGreeting);
        Assert.DoesNotContain("sound:vm-intro", heard);
        // Asterisk fetched exactly that URL from the controller and got the kept audio (a playback of its length).
        Assert.Contains(greeting["sound:".Length..], controller.Sim.FetchedMedia);
        await caller.HangUpAsync();
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Without_a_greeting_1_plays_the_default_callers_hear()
    {
        await using var controller = await StartWithAliceAsync();

        var call = await DialStar97Async(controller);
        await PressAsync(controller, call, MainMenuMarker, 1, '1');
        await HearsAsync(controller, call, "sound:vm-intro");
        await PressAsync(controller, call, MainMenuMarker, 2, '#');
        await call.Ended.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Empty(controller.Sim.StoredRecordingNames);
        Assert.Null(await StoredGreetingAsync(controller));
    }

    [Fact]
    public async Task Listening_and_recording_again_before_keeping_keeps_the_last_take()
    {
        await using var controller = await StartWithAliceAsync();

        var call = await DialStar97Async(controller, talk: TimeSpan.FromSeconds(1));
        await PressAsync(controller, call, MainMenuMarker, 1, '2');
        await PressAsync(controller, call, ReviewMenuMarker, 1, '3');
        await controller.Sim.WaitForAsync(
            () => controller.Sim.PlayedMedia(call.ChannelId!).Any(m => m.StartsWith("recording:greeting-draft-alice-", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10));
        // Nothing is kept yet: callers still get the default.
        Assert.Null(await StoredGreetingAsync(controller));

        call.RecordingLength = TimeSpan.FromSeconds(2);
        await PressAsync(controller, call, ReviewMenuMarker, 2, '2');
        await PressAsync(controller, call, ReviewMenuMarker, 3, '1');
        await PressAsync(controller, call, MainMenuMarker, 2, '#');
        await call.Ended.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var kept = Assert.IsType<AgentGreeting>(await StoredGreetingAsync(controller));
        Assert.InRange(Wav.Length(kept.Wav).TotalSeconds, 1.9, 2.1);
        await controller.Sim.WaitForAsync(() => controller.Sim.StoredRecordingNames.Count == 0, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Star_deletes_the_greeting_and_callers_hear_the_default_again()
    {
        await using var controller = await StartWithAliceAsync();
        await RecordAndKeepAsync(controller, TimeSpan.FromSeconds(1));
        Assert.NotNull(await StoredGreetingAsync(controller));

        var call = await DialStar97Async(controller);
        await PressAsync(controller, call, MainMenuMarker, 1, '*');
        await HearsAsync(controller, call, "sound:vm-deleted");
        await PressAsync(controller, call, MainMenuMarker, 2, '#');
        await call.Ended.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Null(await StoredGreetingAsync(controller));
        Assert.Empty(controller.Sim.StoredRecordingNames);

        var caller = await controller.CallAsync();
        await controller.Sim.WaitForAsync(() => controller.Sim.LiveRecordings.Count > 0, TimeSpan.FromSeconds(10));
        Assert.Contains("sound:vm-intro", controller.Sim.PlayedMedia(caller.ChannelId!));
        await caller.HangUpAsync();
    }

    [Fact]
    public async Task Hanging_up_during_the_recording_leaves_the_previous_greeting_and_no_draft()
    {
        await using var controller = await StartWithAliceAsync();
        await RecordAndKeepAsync(controller, TimeSpan.FromSeconds(1));
        var before = Assert.IsType<AgentGreeting>(await StoredGreetingAsync(controller));

        // No '#' and no talk length: the recording runs until the agent hangs up.
        var call = await DialStar97Async(controller);
        await PressAsync(controller, call, MainMenuMarker, 1, '2');
        // Hang up once Asterisk is really recording (not merely queued): the take in progress is what must not be kept.
        await controller.Sim.WaitForEventAsync(
            "RecordingStarted", e => (string?)e["recording"]?["target_uri"] == "channel:" + call.ChannelId, TimeSpan.FromSeconds(10));
        await call.HangUpAsync();

        await controller.Sim.WaitForAsync(() => controller.Sim.StoredRecordingNames.Count == 0, TimeSpan.FromSeconds(10));
        var after = Assert.IsType<AgentGreeting>(await StoredGreetingAsync(controller));
        Assert.Equal(before.RecordedAt, after.RecordedAt);
        Assert.Equal(before.Wav, after.Wav);
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Two_silent_rounds_at_the_review_menu_end_the_call_without_keeping_the_take()
    {
        await using var controller = await StartWithAliceAsync();

        var call = await DialStar97Async(controller, talk: TimeSpan.FromSeconds(1));
        await PressAsync(controller, call, MainMenuMarker, 1, '2');
        await call.Ended.WaitAsync(TimeSpan.FromSeconds(15), Ct);

        Assert.Equal(CallOutcome.HungUpByAsterisk, call.Outcome);
        Assert.Equal(2, Heard(controller, call, ReviewMenuMarker));
        Assert.Null(await StoredGreetingAsync(controller));
        await controller.Sim.WaitForAsync(() => controller.Sim.StoredRecordingNames.Count == 0, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Two_silent_rounds_at_the_main_menu_say_goodbye_and_hang_up()
    {
        await using var controller = await StartWithAliceAsync();

        var call = await DialStar97Async(controller);
        await call.Ended.WaitAsync(TimeSpan.FromSeconds(15), Ct);

        Assert.Equal(CallOutcome.HungUpByAsterisk, call.Outcome);
        Assert.Equal(2, Heard(controller, call, MainMenuMarker));
        await controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_key_the_menu_does_not_know_is_refused_and_the_menu_asked_again()
    {
        await using var controller = await StartWithAliceAsync();

        var call = await DialStar97Async(controller);
        await PressAsync(controller, call, MainMenuMarker, 1, '9');
        await HearsAsync(controller, call, "sound:pm-invalid-option");
        await PressAsync(controller, call, MainMenuMarker, 2, '#');
        await call.Ended.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Null(await StoredGreetingAsync(controller));
    }

    [Fact]
    public async Task A_phone_that_is_no_agents_hears_an_error_and_is_hung_up()
    {
        await using var controller = await StartWithAliceAsync();

        var call = await DialStar97Async(controller, extension: "1999");
        await call.Ended.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(CallOutcome.HungUpByAsterisk, call.Outcome);
        Assert.Contains("sound:pbx-invalid", controller.Sim.PlayedMedia(call.ChannelId!));
        Assert.Equal(0, Heard(controller, call, MainMenuMarker));
        await controller.AssertNothingLeftAsync();
    }
}
