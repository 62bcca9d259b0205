using LeadDesk.Store.Validation;
using Microsoft.Extensions.Options;

namespace LeadDesk.RouteController.Routing;

/// <summary>
/// Rules for <see cref="RoutingOptions"/>: a known region, ring timeouts (own and callback) of at least a second (shorter never
/// reaches a phone), tones that last, and a trunk that is a plain endpoint name.
/// </summary>
internal sealed class RoutingOptionsValidator : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options) =>
        new SettingProblems(RoutingOptions.SectionName)
            .Region(nameof(options.DefaultRegion), options.DefaultRegion)
            .AtLeast(nameof(options.RingTimeoutSeconds), options.RingTimeoutSeconds, 1)
            .AtLeast(nameof(options.CallbackRingSeconds), options.CallbackRingSeconds, 1)
            .AtLeast(nameof(options.BusyToneSeconds), options.BusyToneSeconds, 0.1)
            .AtLeast(nameof(options.NotInServiceSeconds), options.NotInServiceSeconds, 0.1)
            .Require(
                string.IsNullOrEmpty(options.OutboundTrunk) || options.OutboundTrunk.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'),
                nameof(options.OutboundTrunk),
                options.OutboundTrunk,
                "must be a PJSIP endpoint name (letters, digits, '-', '_', '.'), e.g. carrier")
            .Result();
}
