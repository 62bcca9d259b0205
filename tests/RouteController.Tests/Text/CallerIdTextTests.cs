using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Text;

namespace RouteController.Tests.Text;

public class CallerIdTextTests
{
    [Theory]
    [InlineData("+358451112233", "+358451112233")]
    [InlineData("358451112233", "358451112233")]
    [InlineData("\"Evil\" <358451112233>", "358451112233")]
    [InlineData("0401234567\r\nX-Injected: 1", "04012345671")]
    [InlineData("12+34", "1234")]
    [InlineData("anonymous", "")]
    [InlineData(null, "")]
    public void Number_keeps_only_digits_and_a_leading_plus(string? raw, string expected) =>
        Assert.Equal(expected, CallerIdText.Number(raw));

    [Fact]
    public void Number_is_bounded() =>
        Assert.Equal(32, CallerIdText.Number(new string('9', 10_000)).Length);

    [Fact]
    public void Name_removes_control_characters_quotes_and_angle_brackets()
    {
        var name = CallerIdText.Name("Mallory\r\nBcc: victim@example.com \"<sip:x>\"");

        Assert.NotNull(name);
        Assert.DoesNotContain('\r', name);
        Assert.DoesNotContain('\n', name);
        Assert.DoesNotContain('"', name);
        Assert.DoesNotContain('<', name);
    }

    [Fact]
    public void Name_is_bounded_and_empty_names_are_null()
    {
        Assert.Equal(80, CallerIdText.Name(new string('x', 2048))!.Length);
        Assert.Null(CallerIdText.Name(" \t "));
    }

    [Theory]
    [InlineData("Alice\u202Egnp.exe", "Alicegnp.exe")]        // right-to-left override: would reverse the rest of a subject line
    [InlineData("Bo\u200Bb\u200D\uFEFF", "Bob")]                // zero-width space, joiner, BOM
    [InlineData("\u2066Eve\u2069 \u061C", "Eve")]                // isolates and the Arabic letter mark
    public void Name_drops_unicode_format_characters(string raw, string expected) =>
        Assert.Equal(expected, CallerIdText.Name(raw));

    [Fact]
    public void A_name_of_format_characters_only_is_no_name() =>
        Assert.Null(CallerIdText.Name("\u202E\u200B"));
}
