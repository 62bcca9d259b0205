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
}
