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
        var payloads = Enumerable.Range(0, 50).Select(i => $$"""{"type":"DeviceStateChanged","n":{{i}}}""").ToList();

        foreach (var p in payloads)
        {
            dispatcher.Dispatch(AriEventParser.Parse(p), CancellationToken.None);
        }

        await Wait.UntilAsync(() => { lock (seen) { return seen.Count == 50; } }, TimeSpan.FromSeconds(5), "all handled");
        Assert.Equal(payloads, seen);
    }
}
