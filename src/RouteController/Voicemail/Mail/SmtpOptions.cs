using LeadDesk.RouteController.Voicemail;
namespace LeadDesk.RouteController.Voicemail.Mail;

/// <summary>How the connection to the mail server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP (a relay on the same host or a trusted network).</summary>
    None,

    /// <summary>Plain connect, then STARTTLS; refused if the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>Section <c>Smtp</c>: the mail server voicemail is sent through.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    /// <value>Default: <c>127.0.0.1</c>.</value>
    public string Host { get; set; } = "127.0.0.1";

    /// <value>Default: <c>25</c>.</value>
    public int Port { get; set; } = 25;

    /// <value>Default: <c>StartTls</c>.</value>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Empty: no authentication.</summary>
    /// <value>Default: <c>empty</c>.</value>
    public string? Username { get; set; }

    /// <value>Default: <c>empty</c>.</value>
    public string? Password { get; set; }

    /// <summary>The From of every voicemail mail, e.g. <c>LeadDesk voicemail &lt;voicemail@example.com&gt;</c>.</summary>
    /// <value>Default: <c>LeadDesk voicemail &lt;voicemail@example.com&gt;</c>.</value>
    public string From { get; set; } = "LeadDesk voicemail <voicemail@example.com>";

    /// <summary>Bound on each SMTP operation (connect, each command, the upload).</summary>
    /// <value>Default: <c>30 s</c>.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Never prints the password.</summary>
    public override string ToString() =>
        $"{Host}:{Port} ({Security}){(string.IsNullOrEmpty(Username) ? "" : " as " + Username)}, from {From}";
}
