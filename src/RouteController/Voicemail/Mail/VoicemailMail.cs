using System.Globalization;
using System.Text;
using LeadDesk.RouteController.Callers;
using LeadDesk.RouteController.Calls;
using MimeKit;
using LeadDesk.Store.Voicemail;
using LeadDesk.RouteController.Text;
using LeadDesk.RouteController.Voicemail;

namespace LeadDesk.RouteController.Voicemail.Mail;

/// <summary>
/// Turns an outbox entry into the mail the agent receives. Pure: the same entry gives the same mail (same
/// Message-Id), so a retry after a lost reply is recognisable as the same message.
/// Caller-ID text is the caller's to choose: it is cut down (no control characters, bounded) before it goes
/// anywhere, and MimeKit encodes what remains, so no name can add a header line or break the body's layout.
/// </summary>
internal static class VoicemailMail
{
    public static MimeMessage Build(VoicemailEntry entry, string from, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(zone);
        var m = entry.Message;
        var caller = CallerIdText.Number(m.Caller) is { Length: > 0 } number ? number : CallerIdentity.Anonymous;
        var callerName = CallerIdText.Name(m.CallerName);
        var callerText = callerName is null ? caller : $"{caller} ({callerName})";
        var dialled = CallerIdText.Number(m.Dialled) is { Length: > 0 } d ? d : "unknown";
        var agentName = CallerIdText.Name(m.AgentName);
        var agentText = agentName is null ? m.AgentId : $"{agentName} ({m.AgentId})";
        var local = TimeZoneInfo.ConvertTime(m.RecordedAt, zone);
        var when = FormatTime(local, zone);
        var length = WavDuration.Format(m.Duration);
        var fileName = FileName(local, caller);

        var message = new MimeMessage
        {
            MessageId = entry.MessageId.Trim('<', '>'),
            Date = local,
            Subject = $"Voicemail from {callerText} to {dialled} ({length})",
        };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(m.ToAddress));

        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"New voicemail for {agentText}.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Caller:   {callerText}")
            .AppendLine(CultureInfo.InvariantCulture, $"Dialled:  {dialled}")
            .AppendLine(CultureInfo.InvariantCulture, $"Time:     {when}")
            .AppendLine(CultureInfo.InvariantCulture, $"Length:   {length}")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"The message is attached as {fileName}.")
            .ToString();

        var text = new TextPart("plain") { Text = body };
        text.ContentType.Charset = "utf-8";

        var audio = new MimePart("audio", "wav")
        {
            Content = new MimeContent(new MemoryStream(m.Wav, writable: false)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = fileName,
        };

        message.Body = new Multipart("mixed") { text, audio };
        return message;
    }

    /// <summary>"2026-11-23 22:08:41 +02:00 (Europe/Helsinki)": the offset is unambiguous, the zone id readable.</summary>
    public static string FormatTime(DateTimeOffset local, TimeZoneInfo zone)
    {
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            + $" {sign}{offset.Duration():hh\\:mm} ({zone.Id})";
    }

    /// <summary>voicemail-20261123-2208-358451112233.wav: sorts by time, says who called, safe in any mail client.</summary>
    public static string FileName(DateTimeOffset local, string caller)
    {
        var digits = CallerIdText.Number(caller).TrimStart('+');
        return $"voicemail-{local.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}-{(digits.Length > 0 ? digits : CallerIdentity.Anonymous)}.wav";
    }
}
