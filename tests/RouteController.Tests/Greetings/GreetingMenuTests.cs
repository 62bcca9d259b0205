using LeadDesk.RouteController.Greetings;

namespace RouteController.Tests.Greetings;

public class GreetingMenuTests
{
    [Theory]
    [InlineData('1', nameof(GreetingChoice.HearCurrent))]
    [InlineData('2', nameof(GreetingChoice.Record))]
    [InlineData('*', nameof(GreetingChoice.Delete))]
    [InlineData('#', nameof(GreetingChoice.Leave))]
    [InlineData('3', nameof(GreetingChoice.Invalid))]
    [InlineData('0', nameof(GreetingChoice.Invalid))]
    public void Main_menu_keys_are_designs(char key, string expected) =>
        Assert.Equal(Enum.Parse<GreetingChoice>(expected), GreetingMenu.Choose(GreetingMenuLevel.Main, key));

    [Theory]
    [InlineData('1', nameof(GreetingChoice.Keep))]
    [InlineData('2', nameof(GreetingChoice.RecordAgain))]
    [InlineData('3', nameof(GreetingChoice.HearNew))]
    [InlineData('*', nameof(GreetingChoice.Invalid))]
    [InlineData('9', nameof(GreetingChoice.Invalid))]
    public void Review_menu_keys_are_designs(char key, string expected) =>
        Assert.Equal(Enum.Parse<GreetingChoice>(expected), GreetingMenu.Choose(GreetingMenuLevel.Review, key));

    [Fact]
    public void The_pound_that_ended_the_recording_is_no_answer_to_the_review_menu() =>
        Assert.Equal(GreetingChoice.Ignore, GreetingMenu.Choose(GreetingMenuLevel.Review, '#'));

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
        Assert.Equal(extension, GreetingMenu.ExtensionOf(channelName));
}
