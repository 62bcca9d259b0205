using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Voicemail;

namespace RouteController.Tests.Voicemail;

/// <summary>The keep-or-discard rules of a voicemail message, row by row.</summary>
public sealed class MessageKeepingTests
{
    [Theory]
    [InlineData(false, null, 2, MessageFate.DiscardNothingWritten)]
    [InlineData(false, 30.0, 2, MessageFate.DiscardNothingWritten)]
    [InlineData(true, null, 2, MessageFate.Unmeasurable)]
    [InlineData(true, 0.0, 2, MessageFate.DiscardTooShort)]
    [InlineData(true, 1.9, 2, MessageFate.DiscardTooShort)]
    [InlineData(true, 2.0, 2, MessageFate.Keep)]
    [InlineData(true, 0.0, 0, MessageFate.Keep)]
    [InlineData(true, 120.0, 2, MessageFate.Keep)]
    public void A_recording_is_kept_or_discarded(bool stored, double? seconds, double minSeconds, MessageFate fate) =>
        Assert.Equal(fate, MessageKeeping.Decide(stored, seconds is { } s ? TimeSpan.FromSeconds(s) : null, minSeconds));

    private static readonly (RecordingEnd End, MessageEnd Expected)[] Ends =
    [
        (new RecordingEnd.Finished(CallerLeft: false), MessageEnd.Complete),
        (new RecordingEnd.Finished(CallerLeft: true), MessageEnd.Complete),
        (new RecordingEnd.Unreported(Stopped: true), MessageEnd.Complete),
        (new RecordingEnd.Unreported(Stopped: false), MessageEnd.Complete),
        (new RecordingEnd.Draining(), MessageEnd.LeaveInAsterisk),
        (new RecordingEnd.Failed("disk full"), MessageEnd.Failed),
    ];

    public static TheoryData<int> EndRows => [.. Enumerable.Range(0, Ends.Length)];

    [Theory]
    [MemberData(nameof(EndRows))]
    public void The_end_of_a_recording_decides_what_the_caller_side_does(int row) =>
        Assert.Equal(Ends[row].Expected, MessageKeeping.EndOf(Ends[row].End));
}
