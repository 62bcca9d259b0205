using LeadDesk.RouteController.Voicemail;
using MimeKit;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Voicemail;
using RouteController.Tests.Voicemail;
using LeadDesk.RouteController.Voicemail.Mail;

namespace RouteController.Tests.Voicemail.Mail;

public class VoicemailMailTests
{
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    internal static VoicemailEntry Entry(string? callerName = "Carrier 358451112233", string to = "alice@example.com") => new(
        7,
        "<vm-0123456789abcdef0123456789abcdef@leaddesk>",
        new VoicemailMessage(
            "alice", "Alice Agent", to, "+358451112233", callerName, "+358401234567",
            new DateTimeOffset(2026, 11, 23, 20, 8, 41, TimeSpan.Zero), TimeSpan.FromMilliseconds(5000), TestWav.Seconds(5), "1795464574.43"),
        VoicemailState.Pending, 0, DateTimeOffset.UtcNow, null, null);

    /// <summary>What the agent's mail server would see: the bytes on the wire, parsed back.</summary>
    private static MimeMessage RoundTrip(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        stream.Position = 0;
        return MimeMessage.Load(stream);
    }

    [Fact]
    public void The_mail_names_caller_dialled_agent_time_with_zone_and_length_and_carries_the_wav()
    {
        var mail = RoundTrip(VoicemailMail.Build(Entry(), "LeadDesk voicemail <voicemail@leaddesk.example>", Helsinki));

        Assert.Equal("voicemail@leaddesk.example", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal("alice@example.com", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("vm-0123456789abcdef0123456789abcdef@leaddesk", mail.MessageId);
        Assert.Contains("+358451112233", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("0:05", mail.Subject, StringComparison.Ordinal);

        var body = mail.TextBody!;
        Assert.Contains("+358451112233 (Carrier 358451112233)", body, StringComparison.Ordinal);
        Assert.Contains("+358401234567", body, StringComparison.Ordinal);
        Assert.Contains("Alice Agent (alice)", body, StringComparison.Ordinal);
        Assert.Contains("2026-11-23 22:08:41 +02:00 (Europe/Helsinki)", body, StringComparison.Ordinal);
        Assert.Contains("0:05", body, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromHours(2), mail.Date.Offset);

        var audio = Assert.IsType<MimePart>(Assert.Single(mail.Attachments));
        Assert.Equal("audio/wav", audio.ContentType.MimeType);
        Assert.Equal("voicemail-20261123-2208-358451112233.wav", audio.FileName);
        using var wav = new MemoryStream();
        audio.Content!.DecodeTo(wav, TestContext.Current.CancellationToken);
        Assert.Equal(Entry().Message.Wav, wav.ToArray());
    }

    [Theory]
    [InlineData("Evil\r\nBcc: victim@example.com\r\nX-Injected: yes")]
    [InlineData("Evil\nSubject: free money\n\nbody text")]
    [InlineData("Ääkkönen Öljynen 日本語 \u202e\u0000\u0007")]
    [InlineData("=?utf-8?q?Bcc=3A_x@example.com?=")]
    public void A_hostile_caller_name_gives_a_well_formed_mail(string name)
    {
        var mail = RoundTrip(VoicemailMail.Build(Entry(name), "voicemail@leaddesk.example", Helsinki));

        AssertOneOfEachHeader(mail);
        Assert.Contains("+358451112233", mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', mail.Subject!);
        Assert.Single(mail.Attachments);
        var callerLine = Assert.Single(mail.TextBody!.Split('\n'), l => l.StartsWith("Caller:", StringComparison.Ordinal));
        Assert.Contains("+358451112233", callerLine, StringComparison.Ordinal);
    }

    [Fact]
    public void A_2_KB_caller_name_is_bounded_and_cannot_break_the_layout()
    {
        var name = string.Concat(Enumerable.Repeat("Ä\r\nBcc: x@example.com ", 100));
        Assert.True(name.Length >= 2048);

        var mail = RoundTrip(VoicemailMail.Build(Entry(name), "voicemail@leaddesk.example", Helsinki));

        AssertOneOfEachHeader(mail);
        Assert.True(mail.Subject!.Length < 200, mail.Subject);
        Assert.Equal(4, mail.TextBody!.Split('\n').Count(l => l.StartsWith("Caller:", StringComparison.Ordinal) || l.StartsWith("Dialled:", StringComparison.Ordinal)
            || l.StartsWith("Time:", StringComparison.Ordinal) || l.StartsWith("Length:", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_same_entry_gives_the_same_message_id()
    {
        var first = VoicemailMail.Build(Entry(), "voicemail@leaddesk.example", Helsinki);
        var second = VoicemailMail.Build(Entry(), "voicemail@leaddesk.example", Helsinki);
        Assert.Equal(first.MessageId, second.MessageId);
    }

    [Fact]
    public void An_anonymous_caller_is_anonymous_in_the_subject_and_the_file_name()
    {
        var entry = Entry(callerName: null);
        entry = entry with { Message = entry.Message with { Caller = "anonymous" } };

        var mail = RoundTrip(VoicemailMail.Build(entry, "voicemail@leaddesk.example", TimeZoneInfo.Utc));

        // The caller-ID rule of docs/behaviour.md: the same word as the agent's log and the call log.
        Assert.StartsWith("Voicemail from anonymous to ", mail.Subject, StringComparison.Ordinal);
        Assert.Equal("voicemail-20261123-2008-anonymous.wav", Assert.IsType<MimePart>(Assert.Single(mail.Attachments)).FileName);
        Assert.Contains("+00:00 (UTC)", mail.TextBody, StringComparison.Ordinal);
    }

    private static void AssertOneOfEachHeader(MimeMessage mail)
    {
        var names = mail.Headers.Select(h => h.Field.ToUpperInvariant()).ToList();
        foreach (var single in new[] { "FROM", "TO", "SUBJECT", "MESSAGE-ID", "DATE" })
        {
            Assert.Equal(1, names.Count(n => n == single));
        }

        Assert.DoesNotContain("BCC", names);
        Assert.DoesNotContain("CC", names);
        Assert.DoesNotContain("X-INJECTED", names);
        Assert.Single(mail.To.Mailboxes);
        Assert.Empty(mail.Bcc);
    }
}
