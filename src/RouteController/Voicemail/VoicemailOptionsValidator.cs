using LeadDesk.Store.Validation;
using Microsoft.Extensions.Options;

namespace LeadDesk.RouteController.Voicemail;

/// <summary>Rules for <see cref="VoicemailOptions"/>: positive lengths and delays, a time zone the host knows.</summary>
internal sealed class VoicemailOptionsValidator : IValidateOptions<VoicemailOptions>
{
    public ValidateOptionsResult Validate(string? name, VoicemailOptions options) =>
        new SettingProblems(VoicemailOptions.SectionName)
            .AtLeast(nameof(options.MaxSeconds), options.MaxSeconds, 1)
            .AtLeast(nameof(options.MinSeconds), options.MinSeconds, 0)
            .Require(options.MinSeconds < options.MaxSeconds, nameof(options.MinSeconds), options.MinSeconds, $"must be shorter than Voicemail:MaxSeconds ({options.MaxSeconds})")
            .AtLeast(nameof(options.MaxSilenceSeconds), options.MaxSilenceSeconds, 1)
            .NotEmpty(nameof(options.DefaultGreeting), options.DefaultGreeting)
            .NotEmpty(nameof(options.Beep), options.Beep)
            .NotEmpty(nameof(options.Goodbye), options.Goodbye)
            .Require(IsKnownZone(options.TimeZone), nameof(options.TimeZone), options.TimeZone, "is not a time zone this host knows (IANA, e.g. Europe/Helsinki)")
            .Positive(nameof(options.PollInterval), options.PollInterval)
            .Positive(nameof(options.RetryInitialDelay), options.RetryInitialDelay)
            .Positive(nameof(options.RetryMaxDelay), options.RetryMaxDelay)
            .Result();

    private static bool IsKnownZone(string? zone) =>
        string.IsNullOrWhiteSpace(zone) || TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _);
}
