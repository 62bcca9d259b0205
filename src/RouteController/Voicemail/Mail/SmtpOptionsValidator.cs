using LeadDesk.Store.Validation;
using Microsoft.Extensions.Options;
using MimeKit;
using LeadDesk.RouteController.Voicemail;

namespace LeadDesk.RouteController.Voicemail.Mail;

/// <summary>Rules for <see cref="SmtpOptions"/>: a host, a TCP port, a positive timeout, a From that parses as an address.</summary>
internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options) =>
        new SettingProblems(SmtpOptions.SectionName)
            .NotEmpty(nameof(options.Host), options.Host)
            .Require(options.Port is >= 1 and <= 65535, nameof(options.Port), options.Port, "must be a TCP port (1 to 65535)")
            .Require(Enum.IsDefined(options.Security), nameof(options.Security), options.Security, "must be None, StartTls or SslOnConnect")
            .Positive(nameof(options.Timeout), options.Timeout)
            .Require(MailboxAddress.TryParse(options.From, out _), nameof(options.From), options.From, "is not a mail address (e.g. LeadDesk voicemail <voicemail@example.com>)")
            .Result();
}
