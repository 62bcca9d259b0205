using LeadDesk.RouteController.Callers;

namespace RouteController.Tests.Callers;

/// <summary>The caller-ID rule of docs/behaviour.md, row by row: what the phone, the log and the call log show.</summary>
public class CallerIdRuleTests
{
    public static TheoryData<string?, string?, string?, string, string> Rows => new()
    {
        // sent number, sent name, E.164 (the resolver's fact), shown in the log and call log, rung to the phone with
        { "358451112233", "Carrier caller", "+358451112233", "+358451112233", "+358451112233" },
        { "0451112233", null, "+358451112233", "+358451112233", "+358451112233" },
        { "1001", "Agent 1001", null, "1001", "1001" },
        { "+12", null, null, "+12", "+12" },
        { "040-123 (4)", null, null, "0401234", "0401234" },
        { "sipp", "sipp", null, "anonymous", "" },
        { "anonymous", "Anonymous", null, "anonymous", "" },
        { "", null, null, "anonymous", "" },
        { null, null, null, "anonymous", "" },
        { "user42", null, null, "anonymous", "" },
        { "0401234567\r\nX-Injected: 1", null, null, "anonymous", "" },
        { "+", null, null, "anonymous", "" },
        { "12+34", null, null, "anonymous", "" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void One_rule_for_the_phone_the_log_and_the_call_log(string? sentNumber, string? sentName, string? e164, string shown, string toPhone)
    {
        var caller = CallerIdRule.Decide(new CallerFacts(sentNumber, sentName, e164));

        Assert.Equal(shown, caller.Shown);
        Assert.Equal(toPhone, caller.ForPhone);
        Assert.Equal(toPhone.Length == 0, caller.IsAnonymous);
    }

    [Fact]
    public void The_name_is_kept_cut_to_printable_text_also_for_a_caller_without_a_number()
    {
        var caller = CallerIdRule.Decide(new CallerFacts("sipp", "sipp\r\n<x>", null));

        Assert.Equal("anonymous", caller.Shown);
        Assert.Equal("sipp   x", caller.Name);
    }
}
