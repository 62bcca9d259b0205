using LeadDesk.Store.Validation;
using Microsoft.Extensions.Options;

namespace LeadDesk.RouteController.Agents;

/// <summary>
/// Rules for <see cref="AgentsOptions"/>: the dial-string template must make exactly one endpoint per agent out of the
/// extension, in a form Asterisk's originate takes. The first broken rule is the one named.
/// </summary>
internal sealed class AgentsOptionsValidator : IValidateOptions<AgentsOptions>
{
    // Channel technologies an Asterisk 22 can originate to; chan_sip is gone from 21 on but its name is still known.
    private static readonly string[] Technologies = ["PJSIP", "SIP", "IAX2", "Local", "DAHDI"];

    public ValidateOptionsResult Validate(string? name, AgentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var template = options.DialString;
        var problem = Problem(template);
        return new SettingProblems(AgentsOptions.SectionName)
            .Require(problem is null, nameof(options.DialString), template, problem ?? "")
            .Require(options.ClaimLeaseSeconds is >= 5 and <= 600, nameof(options.ClaimLeaseSeconds), options.ClaimLeaseSeconds,
                "must be from 5 to 600 (seconds a claim on an agent lasts unrenewed)")
            .Require(options.DeviceStateInterval >= TimeSpan.FromMilliseconds(100) && options.DeviceStateInterval <= TimeSpan.FromSeconds(10),
                nameof(options.DeviceStateInterval), options.DeviceStateInterval, "must be from 00:00:00.1 to 00:00:10")
            .Result();
    }

    private static string? Problem(string? template)
    {
        if (string.IsNullOrEmpty(template))
        {
            return $"must not be empty (default {AgentDialString.LocalTemplate})";
        }

        if (template.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "must not contain spaces or control characters";
        }

        var slash = template.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !Technologies.Contains(template[..slash], StringComparer.OrdinalIgnoreCase))
        {
            return $"must start with a channel technology Asterisk knows and '/' ({string.Join(", ", Technologies)}), e.g. PJSIP/{{extension}}@proxy";
        }

        if (template.Contains('&', StringComparison.Ordinal))
        {
            return "must not contain '&' (Asterisk would dial several endpoints at once)";
        }

        var placeholders = template.Split(AgentDialString.Placeholder).Length - 1;
        if (placeholders != 1)
        {
            return $"must contain {AgentDialString.Placeholder} exactly once (found {placeholders}), e.g. PJSIP/{{extension}}@proxy";
        }

        if (template.Replace(AgentDialString.Placeholder, "", StringComparison.Ordinal).IndexOfAny(['{', '}']) >= 0)
        {
            return $"has a placeholder or brace other than {AgentDialString.Placeholder} (the only one filled in)";
        }

        return null;
    }
}
