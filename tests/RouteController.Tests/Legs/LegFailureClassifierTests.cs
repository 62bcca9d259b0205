using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Legs;

namespace RouteController.Tests.Legs;

public class LegFailureClassifierTests
{
    // Causes as real Asterisk 22.10.1 reported them in tests/ari-transcripts (c, d, e, e2).
    [Theory]
    [InlineData(17, 486, LegFailure.Busy)]          // c: agent answered 486
    [InlineData(19, 480, LegFailure.NoAnswer)]      // d: rang until the originate timeout
    [InlineData(18, 408, LegFailure.Unreachable)]   // e2: no SIP answer, Timer B
    [InlineData(21, 603, LegFailure.Rejected)]      // agent declined
    [InlineData(20, null, LegFailure.Unreachable)]  // subscriber absent
    [InlineData(16, null, LegFailure.NoAnswer)]     // app DELETE while ringing
    [InlineData(38, null, LegFailure.Failed)]       // network out of order
    public void Reads_the_cause_of_an_unanswered_leg(int cause, int? techCause, LegFailure expected) =>
        Assert.Equal(expected, LegFailureClassifier.Classify(new HangupCause(cause, techCause)));
}
