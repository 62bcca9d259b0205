using LeadDesk.Ari.Client.Events;
using LeadDesk.Ari.Client.EventStream;
using LeadDesk.Ari.Client.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadDesk.Ari.Client.Tests.EventStream;

public sealed class ChannelLaneDispatcherTests
{
    [Fact]
    public async Task Idle_lanes_are_removed_so_finished_calls_leave_nothing_behind()
    {
        var handled = 0;
        var dispatcher = new ChannelLaneDispatcher((_, _) =>
        {
            Interlocked.Increment(ref handled);
            return default;
        }, NullLogger.Instance);

        for (var i = 0; i < 200; i++)
        {
            dispatcher.Dispatch(AriEventParser.Parse(Ev.Dtmf("call-" + i, "1")), CancellationToken.None);
            dispatcher.Dispatch(AriEventParser.Parse(Ev.Dtmf("call-" + i, "2")), CancellationToken.None);
        }

        await Wait.UntilAsync(() => Volatile.Read(ref handled) == 400, TimeSpan.FromSeconds(5), "all handled");
        await Wait.UntilAsync(() => dispatcher.ActiveLanes == 0, TimeSpan.FromSeconds(5), "lanes removed");
    }

    [Fact]
    public async Task Channel_less_events_share_one_ordered_global_lane()
    {
        var seen = new List<string>();
        var dispatcher = new ChannelLaneDispatcher(async (e, _) =>
        {
            await Task.Yield();
            lock (seen)
            {
                seen.Add(((UnknownAriEvent)e).RawJson);
            }
        }, NullLogger.Instance);
        var payloads = Enumerable.Range(0, 50).Select(i => $$"""{"type":"ContactStatusChange","n":{{i}}}""").ToList();

        foreach (var p in payloads)
        {
            dispatcher.Dispatch(AriEventParser.Parse(p), CancellationToken.None);
        }

        await Wait.UntilAsync(() => { lock (seen) { return seen.Count == 50; } }, TimeSpan.FromSeconds(5), "all handled");
        Assert.Equal(payloads, seen);
    }

    [Fact]
    public void An_inline_handler_runs_on_the_reader_and_leaves_no_lane_when_it_completes_at_once()
    {
        var reader = Environment.CurrentManagedThreadId;
        var threads = new List<int>();
        var dispatcher = new ChannelLaneDispatcher((_, _) =>
        {
            threads.Add(Environment.CurrentManagedThreadId);
            return default;
        }, NullLogger.Instance, inline: true);

        for (var i = 0; i < 20; i++)
        {
            dispatcher.Dispatch(AriEventParser.Parse(Ev.Dtmf("call-" + (i % 3), "1")), CancellationToken.None);
        }

        Assert.Equal(20, threads.Count);
        Assert.All(threads, t => Assert.Equal(reader, t));
        Assert.Equal(0, dispatcher.ActiveLanes);
    }

    [Fact]
    public async Task An_inline_handler_that_has_to_wait_keeps_its_channels_order()
    {
        var seen = new List<string>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new ChannelLaneDispatcher(async (e, _) =>
        {
            var digit = ((ChannelDtmfReceived)e).Digit;
            if (digit == "1")
            {
                // The first event cannot finish at once: later ones of the channel must wait for it.
                await release.Task;
            }

            lock (seen)
            {
                seen.Add(e.ChannelId + ":" + digit);
            }
        }, NullLogger.Instance, inline: true);

        foreach (var digit in new[] { "1", "2", "3" })
        {
            dispatcher.Dispatch(AriEventParser.Parse(Ev.Dtmf("slow", digit)), CancellationToken.None);
        }

        dispatcher.Dispatch(AriEventParser.Parse(Ev.Dtmf("other", "9")), CancellationToken.None);
        lock (seen)
        {
            // Another channel is not held up by the waiting one.
            Assert.Equal(["other:9"], seen);
        }

        release.SetResult();
        await Wait.UntilAsync(() => { lock (seen) { return seen.Count == 4; } }, TimeSpan.FromSeconds(5), "all handled");
        Assert.Equal(["other:9", "slow:1", "slow:2", "slow:3"], seen);
        await Wait.UntilAsync(() => dispatcher.ActiveLanes == 0, TimeSpan.FromSeconds(5), "lanes removed");
    }
}
