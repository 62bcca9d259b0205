using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Greetings;

namespace RouteController.Tests.Greetings;

/// <summary>The keep-or-discard rules of a greeting take, row by row.</summary>
public sealed class GreetingTakeTests
{
    private static readonly (RecordingEnd End, GreetingTakeFate Fate)[] Ends =
    [
        (new RecordingEnd.Finished(CallerLeft: false), GreetingTakeFate.Review),
        (new RecordingEnd.Finished(CallerLeft: true), GreetingTakeFate.Discard),
        (new RecordingEnd.Unreported(Stopped: true), GreetingTakeFate.DiscardUnfinished),
        (new RecordingEnd.Unreported(Stopped: false), GreetingTakeFate.Discard),
        (new RecordingEnd.Draining(), GreetingTakeFate.Cancel),
        (new RecordingEnd.Failed(null), GreetingTakeFate.Failed),
    ];

    public static TheoryData<int> Rows => [.. Enumerable.Range(0, Ends.Length)];

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_take_is_offered_for_review_only_when_whole(int row) =>
        Assert.Equal(Ends[row].Fate, GreetingTake.After(Ends[row].End));
}
