using LeadDesk.Ari.Simulator;
using MimeKit;
using RouteController.Tests.Support;
using CallOutcome = LeadDesk.Store.CallLog.CallOutcome;

namespace RouteController.Tests.Voicemail;

/// <summary>
/// A logged-out agent's caller leaves a message; the agent gets it by e-mail from a real SMTP server on
/// loopback. The controller runs for real against the ARI simulator, which produces real WAV recordings.
/// </summary>
public sealed class VoicemailCallTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static Dictionary<string, string?> WithSmtp(SmtpTestServer smtp)
    {
        var settings = RunningController.FastRouting();
        settings["Smtp:Host"] = "127.0.0.1";
        settings["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Smtp:Security"] = "None";
        settings["Smtp:From"] = "LeadDesk voicemail <voicemail@example.com>";
        settings["Voicemail:PollInterval"] = "00:00:00.100";
        return settings;
    }

    /// <summary>
    /// A carrier call to Alice's number whose caller talks for <paramref name="talk"/> once recording starts, then
    /// presses '#' (the simulator's caller does that when the recording ends on '#'); returns once the message is recorded.
    /// </summary>
    private static async Task<SimulatedCall> LeaveMessageAsync(RunningController controller, TimeSpan talk, string callerName = "Carrier caller")
    {
        var call = await controller.Sim.PlaceInboundCallAsync(new InboundCall
        {
            App = "leaddesk",
            Args = ["inbound", RunningController.Number],
            Exten = RunningController.Number,
            CallerNumber = "358451112233",
            CallerName = callerName,
            RecordingLength = talk,
        });
        await controller.Sim.WaitForEventAsync(
            "RecordingFinished", e => (string?)e["recording"]?["target_uri"] == "channel:" + call.ChannelId, talk + TimeSpan.FromSeconds(10));
        return call;
    }

    private static LeadDesk.Store.Voicemail.VoicemailOutbox Outbox(RunningController controller) =>
        new(LeadDesk.Store.RoutingStore.Open(controller.DatabasePath));

    [Fact]
    public async Task A_caller_who_leaves_five_seconds_reaches_the_agents_mailbox_once_with_the_recording()
    {
        using var smtp = await SmtpTestServer.StartNewAsync();
        await using var controller = await RunningController.StartAsync(settings: WithSmtp(smtp));
        await controller.AssignToAliceAsync(loggedIn: false, voicemail: "alice@example.com");

        // The caller talks for five seconds, then ends the message with '#'.
        var call = await LeaveMessageAsync(controller, TimeSpan.FromSeconds(5));
        Assert.Contains(controller.Sim.Events, e => e.Type == "ChannelDtmfReceived" && (string?)e.Json["digit"] == "#"
            && (string?)e.Json["channel"]?["id"] == call.ChannelId);

        var mails = await smtp.WaitForAsync(1, TimeSpan.FromSeconds(15));
        var mail = Assert.Single(mails);
        Assert.Equal("alice@example.com", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains("+358451112233", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("+358451112233", mail.TextBody, StringComparison.Ordinal);
        var wav = Assert.Single(mail.Attachments.OfType<MimePart>());
        Assert.Equal("audio/wav", wav.ContentType.MimeType);
        using var bytes = new MemoryStream();
        await wav.Content!.DecodeToAsync(bytes, Ct);
        Assert.InRange(Wav.Length(bytes.ToArray()).TotalSeconds, 4.5, 5.5);

        Assert.True(call.Answered);
        Assert.Equal(CallOutcome.Voicemail, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
        // Downloaded, stored in the outbox, and only then removed from Asterisk.
        Assert.Empty(controller.Sim.StoredRecordingNames);
        await controller.AssertNothingLeftAsync();
        await OutboxPass.CompleteAsync(Outbox(controller));
        Assert.Single(smtp.Received(), m => !(m.Subject ?? "").Contains(OutboxPass.MarkerCaller, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_shorter_than_a_second_is_discarded_and_sends_no_mail()
    {
        using var smtp = await SmtpTestServer.StartNewAsync();
        await using var controller = await RunningController.StartAsync(settings: WithSmtp(smtp));
        await controller.AssignToAliceAsync(loggedIn: false, voicemail: "alice@example.com");

        var call = await LeaveMessageAsync(controller, TimeSpan.FromSeconds(0.96));
        await call.HangUpAsync();

        Assert.Equal(CallOutcome.VoicemailDiscarded, (await controller.CallLogRowAsync(call.ChannelId!)).Outcome);
        Assert.Equal(LeadDesk.Store.Voicemail.VoicemailState.Sent, (await OutboxPass.CompleteAsync(Outbox(controller))).State);
        Assert.All(smtp.Received(), m => Assert.Contains(OutboxPass.MarkerCaller, m.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hostile_caller_name_still_gives_a_well_formed_mail()
    {
        using var smtp = await SmtpTestServer.StartNewAsync();
        await using var controller = await RunningController.StartAsync(settings: WithSmtp(smtp));
        await controller.AssignToAliceAsync(loggedIn: false, voicemail: "alice@example.com");

        var call = await LeaveMessageAsync(controller, TimeSpan.FromSeconds(2), "Mallory\r\nBcc: victim@example.com\r\n" + new string('x', 2048));
        await call.HangUpAsync();

        var mail = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(15)));
        Assert.Empty(mail.Bcc);
        Assert.Single(mail.To.Mailboxes);
        Assert.DoesNotContain(mail.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
    }
}
