using MailKit.Net.Smtp;
using LeadDesk.RouteController.Voicemail;

namespace LeadDesk.RouteController.Voicemail.Mail;

/// <summary>
/// Reads a failed delivery: a 5xx reply is the server refusing this message for good (retrying cannot help);
/// anything else (4xx, refused or dropped connections, timeouts, TLS or login trouble) may pass, so it is retried.
/// </summary>
internal static class SmtpFailure
{
    public static bool IsPermanent(Exception e) =>
        e is SmtpCommandException command && (int)command.StatusCode is >= 500 and < 600;

    /// <summary>One line for the outbox and the CLI: the server's code and text where there is one.</summary>
    public static string Describe(Exception e) => e switch
    {
        SmtpCommandException command => $"{(int)command.StatusCode} {OneLine(command.Message)}",
        _ => $"{e.GetType().Name}: {OneLine(e.Message)}",
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
