using LeadDesk.RouteController.Agents;

namespace RouteController.Tests.Agents;

/// <summary>
/// <c>Agents:DialString</c> is checked before the first call: a template that would ring no one, several phones at
/// once, or a literal placeholder is one line naming the key, the value and the rule broken.
/// </summary>
public sealed class AgentsOptionsValidatorTests
{
    private static IReadOnlyList<string> Problems(string? template)
    {
        var result = new AgentsOptionsValidator().Validate(null, new AgentsOptions { DialString = template! });
        return result.Failed ? result.Failures!.ToList() : [];
    }

    [Theory]
    [InlineData("PJSIP/{extension}")]
    [InlineData("PJSIP/{extension}@proxy")]
    [InlineData("pjsip/{extension}@kamailio-1")]
    [InlineData("IAX2/{extension}")]
    [InlineData("SIP/{extension}@proxy")]
    [InlineData("Local/{extension}@agents")]
    [InlineData("PJSIP/proxy/sip:{extension}@10.0.0.5:5060")]
    public void A_template_Asterisk_can_originate_once_per_agent_is_accepted(string template) =>
        Assert.Empty(Problems(template));

    public static TheoryData<string?, string> BadTemplates => new()
    {
        { null, "must not be empty" },
        { "", "must not be empty" },
        { "PJSIP/{extension} @proxy", "must not contain spaces or control characters" },
        { "PJSIP/{extension}\t", "must not contain spaces or control characters" },
        { "PJSIP/{extension}\n@proxy", "must not contain spaces or control characters" },
        { "{extension}@proxy", "must start with a channel technology Asterisk knows and '/'" },
        { "/{extension}", "must start with a channel technology Asterisk knows and '/'" },
        { "XMPP/{extension}", "must start with a channel technology Asterisk knows and '/'" },
        { "PJSIP{extension}", "must start with a channel technology Asterisk knows and '/'" },
        { "PJSIP/{extension}&PJSIP/{extension}@proxy", "must not contain '&'" },
        { "PJSIP/{extension}&PJSIP/operator", "must not contain '&'" },
        { "PJSIP/1001", "must contain {extension} exactly once (found 0)" },
        { "PJSIP/{Extension}@proxy", "must contain {extension} exactly once (found 0)" },
        { "PJSIP/{extension}@{extension}", "must contain {extension} exactly once (found 2)" },
        { "PJSIP/{extension}@{proxy}", "has a placeholder or brace other than {extension}" },
        { "PJSIP/{extension}@proxy}", "has a placeholder or brace other than {extension}" },
        { "PJSIP/{ext}{extension}", "has a placeholder or brace other than {extension}" },
    };

    [Theory]
    [MemberData(nameof(BadTemplates))]
    public void A_bad_template_is_one_problem_naming_the_key_and_the_rule(string? template, string rule)
    {
        var problem = Assert.Single(Problems(template));

        Assert.StartsWith("Agents:DialString ", problem, StringComparison.Ordinal);
        Assert.Contains(rule, problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
    }
}
