using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using LeadDesk.RouteController.Voicemail;

namespace LeadDesk.RouteController.Voicemail.Mail;

/// <summary>One delivery over SMTP with MailKit: connect, authenticate if configured, send, quit.</summary>
internal sealed class SmtpTransport(SmtpOptions options)
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        await client.ConnectAsync(options.Host, options.Port, Map(options.Security), ct).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(options.Username))
        {
            await client.AuthenticateAsync(options.Username, options.Password ?? "", ct).ConfigureAwait(false);
        }

        await client.SendAsync(message, ct).ConfigureAwait(false);

        // The server has accepted the message: a failing QUIT must not make it look unsent (and be sent again).
        try
        {
            await client.DisconnectAsync(quit: true, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
        }
    }

    private static SecureSocketOptions Map(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, null),
    };
}
