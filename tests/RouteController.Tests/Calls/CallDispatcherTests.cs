using LeadDesk.Ari.Simulator;
using LeadDesk.Store;
using LeadDesk.Store.CallLog;
using RouteController.Tests.Support;
using CallOutcome = LeadDesk.Store.CallLog.CallOutcome;

namespace RouteController.Tests.Calls;

/// <summary>Every channel entering Stasis is a call the controller serves, never an event ignored in silence.</summary>
public sealed class CallDispatcherTests
{
    private static readonly TimeSpan CallEnds = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_caller_the_dialplan_sends_back_into_Stasis_is_handled_as_a_new_call()
    {
        await using var controller = await RunningController.StartAsync();
        await controller.AdminAsync("numbers", "add", RunningController.Number, "+358401234568");
        // A dialplan edited by hand: the "IVR" loops back into from-carrier with another, unassigned, number.
        await controller.AdminAsync("destinations", "add", "ivr", "--dialplan", "support-ivr,s,1");
        await controller.AdminAsync("routes", "custom", RunningController.Number, "--destination", "ivr");
        controller.Sim.AddStasisLoop("support-ivr", "s", "leaddesk", "inbound", "+358401234568");

        var call = await controller.CallAsync();
        await call.Ended.WaitAsync(CallEnds, TestContext.Current.CancellationToken);

        // The second entry was routed like any call: the unassigned number's announcement, then release.
        Assert.True(call.SawEarlyMedia);
        Assert.Contains("sound:ss-noservice", controller.Sim.PlayedMedia(call.ChannelId!));
        await controller.AssertNothingLeftAsync();
        var rows = await WaitForRowsAsync(controller, call.ChannelId!, 2);
        Assert.Equal([CallOutcome.Custom, CallOutcome.Unassigned], rows.OrderBy(r => r.Id).Select(r => r.Outcome));
    }

    private static async Task<IReadOnlyList<CallLogEntry>> WaitForRowsAsync(RunningController controller, string channelId, int count)
    {
        var log = new CallLogStore(RoutingStore.Open(controller.DatabasePath));
        IReadOnlyList<CallLogEntry> rows = [];
        await controller.Sim.WaitForAsync(() =>
        {
            rows = log.ListAsync(100).GetAwaiter().GetResult().Where(r => r.ChannelId == channelId && r.Outcome is not null).ToList();
            return rows.Count >= count;
        }, CallEnds);
        return rows;
    }
}
