using LeadDesk.RouteController.Agents;

namespace RouteController.Tests.Agents;

/// <summary>What Asterisk is asked to dial for an agent, and which endpoint's state speaks for the phone.</summary>
public sealed class AgentDialStringTests
{
    private static AgentDialString Template(string template) => new(new AgentsOptions { DialString = template });

    [Fact]
    public void By_default_the_agent_is_dialled_on_the_PJSIP_endpoint_of_their_extension_here()
    {
        var dialString = new AgentDialString(new AgentsOptions());

        Assert.Equal("PJSIP/1001", dialString.For("1001"));
        Assert.Equal(AgentDialString.LocalEndpoint("1001"), dialString.For("1001"));
        Assert.True(dialString.RingsLocalEndpoint);
    }

    [Fact]
    public void Through_a_proxy_the_extension_goes_into_the_template_and_the_endpoint_here_is_not_the_phone()
    {
        var dialString = Template("PJSIP/{extension}@proxy");

        Assert.Equal("PJSIP/1001@proxy", dialString.For("1001"));
        Assert.False(dialString.RingsLocalEndpoint);
        Assert.Equal("PJSIP/1001", AgentDialString.LocalEndpoint("1001"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1001&PJSIP/1002")]
    [InlineData("1001/sip:evil@example.com")]
    public void Anything_but_digits_never_becomes_a_dial_string(string extension)
    {
        Assert.Throws<ArgumentException>(() => Template("PJSIP/{extension}@proxy").For(extension));
        Assert.Throws<ArgumentException>(() => AgentDialString.LocalEndpoint(extension));
    }
}
