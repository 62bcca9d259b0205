
namespace LeadDesk.Routing.Tests.CallLog;

public class CallLogStoreTests
{
    [Fact]
    public void Outcome_tokens_are_exactly_the_designed_ones()
    {
        Assert.Equal(
            ["answered", "busy", "voicemail", "voicemail-discarded", "unreachable", "queued", "custom", "unassigned", "unknown", "abandoned", "failed"],
            Enum.GetValues<CallOutcome>().Select(o => o.ToToken()));
        foreach (var outcome in Enum.GetValues<CallOutcome>())
        {
            Assert.Equal(outcome, CallOutcomes.Parse(outcome.ToToken()));
        }

        Assert.False(CallOutcomes.TryParse("Answered", out _));
    }

    [Fact]
    public async Task A_call_is_started_then_completed_with_durations()
    {
        using var t = new TempStore();
        var log = new CallLogStore(t.Store);
        var start = new DateTimeOffset(2025, 1, 2, 10, 0, 0, TimeSpan.Zero);
        var id = await log.StartAsync("1700000000.1", start, "0401234567", "+358501112222", "Caller \"x\"", Seed.Ct);

        Assert.Null(Assert.Single(await log.ListAsync(10, Seed.Ct)).Outcome);

        await log.CompleteAsync(id, CallOutcome.Answered, new CallCompletion(
            start.AddSeconds(30), "agent", "alice", "PJSIP/1001", start.AddSeconds(5), DialledNumber: "+358401234567"), Seed.Ct);

        var call = Assert.Single(await log.ListAsync(10, Seed.Ct));
        Assert.Equal(CallOutcome.Answered, call.Outcome);
        Assert.Equal("+358401234567", call.DialledNumber);
        Assert.Equal(TimeSpan.FromSeconds(30), call.TotalDuration);
        Assert.Equal(TimeSpan.FromSeconds(25), call.TalkDuration);
        Assert.Equal("alice", call.AgentId);
        Assert.Equal("Caller \"x\"", call.CallerName);
    }
}
