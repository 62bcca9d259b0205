using LeadDesk.RouteController.Agents;

namespace RouteController.Tests.Agents;

/// <summary>The agent's extension from the calling channel's name, as outbound and greeting calls find the agent.</summary>
public sealed class AgentExtensionTests
{
    [Theory]
    [InlineData("PJSIP/1001-0000001f", "1001")]
    [InlineData("PJSIP/42-00000000", "42")]
    [InlineData("PJSIP/carrier-0000001f", null)]
    [InlineData("Local/1001@from-agents-00000001;1", null)]
    [InlineData("SIP/1001-0000001f", null)]
    [InlineData("PJSIP/-0000001f", null)]
    [InlineData("PJSIP/1001", null)]
    [InlineData("PJSIP/10'01-0000001f", null)]
    public void The_agent_is_found_from_the_calling_endpoint(string channelName, string? extension) =>
        Assert.Equal(extension, AgentExtension.FromChannelName(channelName));
}
