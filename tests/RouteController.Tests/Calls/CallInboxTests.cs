using LeadDesk.Ari.Client.Events;
using LeadDesk.RouteController.Calls;

namespace RouteController.Tests.Calls;

public class CallInboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AriEvent Dtmf(string digit) =>
        AriEventParser.Parse($$$"""{"type":"ChannelDtmfReceived","digit":"{{{digit}}}","duration_ms":100,"channel":{"id":"c-1"}}""");

    [Fact]
    public async Task Events_come_out_in_order_and_a_wait_ends_with_the_next_one_posted()
    {
        var inbox = new CallInbox();
        inbox.Post(Dtmf("1"));
        inbox.Post(Dtmf("2"));
        Assert.Equal("1", ((ChannelDtmfReceived)(await inbox.ReceiveAsync(TimeSpan.FromSeconds(1), TimeProvider.System, Ct))!).Digit);
        Assert.Equal("2", ((ChannelDtmfReceived)(await inbox.ReceiveAsync(TimeSpan.FromSeconds(1), TimeProvider.System, Ct))!).Digit);

        var waiting = inbox.ReceiveAsync(Timeout.InfiniteTimeSpan, TimeProvider.System, Ct).AsTask();
        // Reading the infinite wait (-1 ms) as "already expired" answers synchronously, before the next post.
        Assert.False(waiting.IsCompleted);
        inbox.Post(Dtmf("3"));
        Assert.Equal("3", ((ChannelDtmfReceived)(await waiting.WaitAsync(TimeSpan.FromSeconds(5), Ct))!).Digit);
    }

    [Fact]
    public async Task A_wait_times_out_with_null_and_an_expired_deadline_does_not_wait()
    {
        var inbox = new CallInbox();
        var started = DateTime.UtcNow;
        Assert.Null(await inbox.ReceiveAsync(TimeSpan.FromMilliseconds(100), TimeProvider.System, Ct));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(90));
        Assert.Null(await inbox.ReceiveAsync(TimeSpan.Zero, TimeProvider.System, Ct));

        // The timed-out wait leaves nothing behind: the next event still reaches the next receive.
        inbox.Post(Dtmf("4"));
        Assert.Equal("4", ((ChannelDtmfReceived)(await inbox.ReceiveAsync(TimeSpan.FromSeconds(1), TimeProvider.System, Ct))!).Digit);
    }

    [Fact]
    public async Task Closing_ends_a_wait_and_cancelling_throws()
    {
        var inbox = new CallInbox();
        var waiting = inbox.ReceiveAsync(Timeout.InfiniteTimeSpan, TimeProvider.System, Ct).AsTask();
        inbox.Close();
        Assert.Null(await waiting.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        inbox.Post(Dtmf("5"));
        Assert.Null(await inbox.ReceiveAsync(TimeSpan.FromMilliseconds(10), TimeProvider.System, Ct));

        using var cancel = new CancellationTokenSource();
        var open = new CallInbox();
        var cancelled = open.ReceiveAsync(Timeout.InfiniteTimeSpan, TimeProvider.System, cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromSeconds(5), Ct));
    }
}
