using LeadDesk.Ari.Simulator;
using LeadDesk.Store;
using LeadDesk.Store.Voicemail;
using RouteController.Tests.Support;
using CallOutcome = LeadDesk.Store.CallLog.CallOutcome;

namespace RouteController.Tests.Voicemail;

/// <summary>
/// A controller restart in the middle of a message: a stop cannot wait for a two-minute message, so the caller goes
/// on recording in Asterisk and the next start adopts the channel and its recording, mails the message once and
/// ends the call with the usual goodbye. No message is lost, no caller is left on a silent line.
/// </summary>
public sealed class VoicemailRestartTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Settings(SmtpTestServer smtp) => VoicemailCallTests.WithSmtp(smtp);

    private static async Task<(RunningController Controller, SmtpTestServer Smtp, SimulatedCall Call)> RecordingCallerAsync(TimeSpan talk)
    {
        var smtp = await SmtpTestServer.StartNewAsync();
        var controller = await RunningController.StartAsync(settings: Settings(smtp));
        await controller.AssignToAliceAsync(loggedIn: false, voicemail: "alice@example.com");
        var call = await controller.Sim.PlaceInboundCallAsync(new InboundCall
        {
            App = "leaddesk",
            Args = ["inbound", RunningController.Number],
            Exten = RunningController.Number,
            CallerNumber = "358451112233",
            RecordingLength = talk,
        });
        await controller.Sim.WaitForEventAsync(
            "RecordingStarted", e => (string?)e["recording"]?["target_uri"] == "channel:" + call.ChannelId, Within);
        return (controller, smtp, call);
    }

    private static async Task AssertMailedOnceAndGoodbyeAsync(RunningController controller, SmtpTestServer smtp, SimulatedCall call, double seconds)
    {
        await call.Ended.WaitAsync(Within, Ct);
        Assert.Equal("sound:vm-goodbye", controller.Sim.PlayedMedia(call.ChannelId!)[^1]);
        var mail = Assert.Single(await smtp.WaitForAsync(1, Within));
        Assert.Equal("alice@example.com", Assert.Single(mail.To.Mailboxes).Address);
        var outbox = await new VoicemailOutbox(RoutingStore.Open(controller.DatabasePath)).ListAsync(10, Ct);
        var entry = Assert.Single(outbox);
        Assert.InRange(entry.Message.Duration.TotalSeconds, seconds - 0.5, seconds + 0.5);
        Assert.Empty(await new VoicemailJournal(RoutingStore.Open(controller.DatabasePath)).ListAsync(Ct));
        Assert.Equal(CallOutcome.Voicemail, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
        await controller.AssertNothingLeftAsync();
        Assert.Empty(controller.Sim.StoredRecordingNames);
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_message_lets_the_caller_finish_and_mails_it_once()
    {
        var (controller, smtp, call) = await RecordingCallerAsync(TimeSpan.FromSeconds(4));
        using var _ = smtp;
        await using var __ = controller;

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await controller.StopHostAsync();
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(3), $"the stop waited {stopping.Elapsed} for the message");
        Assert.False(call.IsEnded, "the caller was cut off by the stop");
        Assert.Single(controller.Sim.LiveRecordings);

        await controller.StartHostAsync(Settings(smtp));

        await AssertMailedOnceAndGoodbyeAsync(controller, smtp, call, 4);
    }

    [Fact]
    public async Task A_message_that_ended_while_no_controller_ran_is_adopted_and_the_waiting_caller_hears_goodbye()
    {
        var (controller, smtp, call) = await RecordingCallerAsync(TimeSpan.FromSeconds(1.5));
        using var _ = smtp;
        await using var __ = controller;

        await controller.StopHostAsync();
        // Its RecordingFinished goes to an application nobody listens to ("Inactive Stasis app ... missed message").
        await controller.Sim.WaitForAsync(() => controller.Sim.LiveRecordings.Count == 0, Within);
        Assert.False(call.IsEnded);

        await controller.StartHostAsync(Settings(smtp));

        await AssertMailedOnceAndGoodbyeAsync(controller, smtp, call, 1.5);
    }

    [Fact]
    public async Task A_caller_who_hung_up_while_no_controller_ran_still_has_the_message_mailed()
    {
        var (controller, smtp, call) = await RecordingCallerAsync(TimeSpan.FromSeconds(1.5));
        using var _ = smtp;
        await using var __ = controller;

        await controller.StopHostAsync();
        await controller.Sim.WaitForAsync(() => controller.Sim.LiveRecordings.Count == 0, Within);
        await call.HangUpAsync();
        Assert.Single(controller.Sim.StoredRecordingNames);

        await controller.StartHostAsync(Settings(smtp));

        // The channel is gone; the message in Asterisk's spool is mailed as from a controller that never stopped.
        Assert.Single(await smtp.WaitForAsync(1, Within));
        await controller.Sim.WaitForAsync(() => controller.Sim.StoredRecordingNames.Count == 0, Within);
        var entry = Assert.Single(await new VoicemailOutbox(RoutingStore.Open(controller.DatabasePath)).ListAsync(10, Ct));
        Assert.InRange(entry.Message.Duration.TotalSeconds, 1.0, 2.0);
        Assert.Empty(await new VoicemailJournal(RoutingStore.Open(controller.DatabasePath)).ListAsync(Ct));
    }
}
