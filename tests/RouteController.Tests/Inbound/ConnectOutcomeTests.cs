using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Legs;
using LeadDesk.Store.CallLog;
using RouteController.Tests.Calls;
using LeadDesk.RouteController.Inbound;

namespace RouteController.Tests.Inbound;

/// <summary>Inbound's connect-result mapping, row by row: the number's own destination and the callback agent rung first.</summary>
public sealed class ConnectOutcomeTests
{
    private static readonly DateTimeOffset AnsweredAt = new(2026, 3, 1, 12, 0, 5, TimeSpan.Zero);

    private static readonly (ConnectResult Result, CallOutcome AnsweredOutcome, ConnectOutcome Expected)[] RouteRows =
    [
        (new ConnectResult.Talked(AnsweredAt), CallOutcome.Answered, new ConnectOutcome.Ended(CallOutcome.Answered, AnsweredAt)),
        (new ConnectResult.Talked(AnsweredAt), CallOutcome.Custom, new ConnectOutcome.Ended(CallOutcome.Custom, AnsweredAt)),
        (new ConnectResult.Abandoned(), CallOutcome.Answered, new ConnectOutcome.Ended(CallOutcome.Abandoned)),
        (new ConnectResult.NotConnected(LegFailure.Busy), CallOutcome.Answered, new ConnectOutcome.Busy(LegFailure.Busy)),
        (new ConnectResult.NotConnected(LegFailure.NoAnswer), CallOutcome.Answered, new ConnectOutcome.Busy(LegFailure.NoAnswer)),
        (new ConnectResult.NotConnected(LegFailure.Unreachable), CallOutcome.Custom, new ConnectOutcome.Busy(LegFailure.Unreachable)),
        (new ConnectResult.NotConnected(LegFailure.Rejected), CallOutcome.Answered, new ConnectOutcome.Busy(LegFailure.Rejected)),
        (new ConnectResult.NotConnected(LegFailure.Failed), CallOutcome.Answered, new ConnectOutcome.Busy(LegFailure.Failed)),
    ];

    [Theory]
    [MemberData(nameof(RouteRowNumbers))]
    public void The_numbers_own_destination(int row) =>
        Assert.Equal(RouteRows[row].Expected, ConnectOutcome.OfRoute(RouteRows[row].Result, RouteRows[row].AnsweredOutcome));

    public static TheoryData<int> RouteRowNumbers => [.. Enumerable.Range(0, RouteRows.Length)];

    private static readonly (ConnectResult Result, ConnectOutcome Expected)[] CallbackRows =
    [
        (new ConnectResult.Talked(AnsweredAt), new ConnectOutcome.Ended(CallOutcome.Answered, AnsweredAt)),
        (new ConnectResult.Abandoned(), new ConnectOutcome.Ended(CallOutcome.Abandoned, Detail: "caller hung up while callback agent alice rang")),
        (new ConnectResult.NotConnected(LegFailure.NoAnswer), new ConnectOutcome.FallThrough(LegFailure.NoAnswer, "callback to alice not answered")),
        (new ConnectResult.NotConnected(LegFailure.Busy), new ConnectOutcome.FallThrough(LegFailure.Busy, "callback to alice busy")),
        (new ConnectResult.NotConnected(LegFailure.Unreachable), new ConnectOutcome.FallThrough(LegFailure.Unreachable, "callback to alice unreachable")),
        (new ConnectResult.NotConnected(LegFailure.Rejected), new ConnectOutcome.FallThrough(LegFailure.Rejected, "callback to alice not connected (rejected)")),
        (new ConnectResult.NotConnected(LegFailure.Failed), new ConnectOutcome.FallThrough(LegFailure.Failed, "callback to alice not connected (failed)")),
    ];

    [Theory]
    [MemberData(nameof(CallbackRowNumbers))]
    public void The_callback_agent_rung_first(int row) =>
        Assert.Equal(CallbackRows[row].Expected, ConnectOutcome.OfCallback(CallbackRows[row].Result, "alice"));

    public static TheoryData<int> CallbackRowNumbers => [.. Enumerable.Range(0, CallbackRows.Length)];
}
