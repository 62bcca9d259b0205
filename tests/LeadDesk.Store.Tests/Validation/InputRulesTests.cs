using LeadDesk.Store.Validation;

namespace LeadDesk.Store.Tests.Validation;

/// <summary>
/// What admins may type for ids, names and addresses. The values end up in Asterisk dial strings, dialplan targets
/// and mail headers, so anything not plainly safe is refused with a one-line reason naming the value.
/// </summary>
public sealed class InputRulesTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("alice.smith-2_b")]
    [InlineData(" alice ")]
    public void Agent_ids_of_letters_digits_and_dot_dash_underscore_are_taken_trimmed(string id) =>
        Assert.Equal(id.Trim(), InputRules.AgentId(id));

    [Theory]
    [InlineData("1001")]
    [InlineData("99")]
    public void Extensions_are_digits(string extension) => Assert.Equal(extension, InputRules.Extension(extension));

    public static TheoryData<string, Func<string, string?>> Refused => new()
    {
        { "alice bob", s => InputRules.AgentId(s) },
        { "-alice", s => InputRules.AgentId(s) },
        { "1001&PJSIP/1002", s => InputRules.Extension(s) },
        { "1001,t", s => InputRules.Extension(s) },
        { "sales queue", s => InputRules.QueueName(s) },
        { "ivr;System(rm)", s => InputRules.DestinationName(s) },
        { "ivr,s,1(System)", s => InputRules.DialplanName(s, "dialplan context") },
        { "${EXTEN}", s => InputRules.DialplanName(s, "dialplan extension") },
        { "PJSIP/2001&PJSIP/2002", s => InputRules.Endpoint(s) },
        { "2001", s => InputRules.Endpoint(s) },
        { "alice@example.com\r\nBcc: victim@example.com", s => InputRules.Email(s) },
        { "alice@localhost", s => InputRules.Email(s) },
        { "a@b@example.com", s => InputRules.Email(s) },
        { "Alice\u0007Agent", s => InputRules.Name(s) },
        { "Alice\u202EtnegA", s => InputRules.Name(s) },
        { new string('x', InputRules.MaxNameLength + 1), s => InputRules.Name(s) },
        { "line one\nline two", s => InputRules.Label(s) },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Values_that_could_widen_a_dial_string_a_dialplan_target_or_a_mail_header_are_refused(string value, Func<string, string?> rule)
    {
        var refused = Assert.Throws<RoutingRefusedException>(() => rule(value));

        Assert.DoesNotContain('\n', refused.Message);
        Assert.DoesNotContain('\r', refused.Message);
        Assert.StartsWith("'", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_required_value_is_refused_by_what_it_is(string? value)
    {
        Assert.Equal("The agent id is empty.", Assert.Throws<RoutingRefusedException>(() => InputRules.AgentId(value)).Message);
        Assert.Equal("The e-mail address is empty.", Assert.Throws<RoutingRefusedException>(() => InputRules.Email(value)).Message);
    }

    [Fact]
    public void A_label_is_optional_and_kept_trimmed()
    {
        Assert.Null(InputRules.Label("  "));
        Assert.Equal("Helsinki office", InputRules.Label(" Helsinki office "));
    }

    [Theory]
    [InlineData("support-ivr")]
    [InlineData("+358401234567")]
    [InlineData("*97")]
    [InlineData("#")]
    public void Dialplan_names_take_what_Asterisk_extensions_use(string name) =>
        Assert.Equal(name, InputRules.DialplanName(name, "dialplan extension"));

    [Fact]
    public void A_hostile_value_is_shown_cut_to_forty_characters_with_control_characters_as_question_marks()
    {
        var shown = InputRules.Describe("evil\r\n" + new string('x', 10_000));

        Assert.Equal("'evil??" + new string('x', 34) + "...'", shown);
    }

    [Fact]
    public void An_email_address_goes_through_unchanged() =>
        Assert.Equal("a.work+vm@example.co.uk", InputRules.Email("a.work+vm@example.co.uk"));
}
