using LeadDesk.Store.Validation;
using Microsoft.Extensions.Options;

namespace LeadDesk.RouteController.Outbound;

/// <summary>Rules for <see cref="OutboundOptions"/>: nonsense is refused at start rather than on the first call.</summary>
internal sealed class OutboundOptionsValidator : IValidateOptions<OutboundOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboundOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SettingProblems(OutboundOptions.SectionName)
            .Require(options.RingTimeoutSeconds is >= 1 and <= 600, nameof(options.RingTimeoutSeconds), options.RingTimeoutSeconds, "must be from 1 to 600 (seconds)")
            .Require(options.ToneSeconds is > 0 and <= 60, nameof(options.ToneSeconds), options.ToneSeconds, "must be more than 0 and at most 60 (seconds)")
            .Result();
    }
}
