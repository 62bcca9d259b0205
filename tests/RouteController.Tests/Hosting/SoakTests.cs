using LeadDesk.Ari.Simulator;
using LeadDesk.RouteController.Calls;
using Microsoft.Extensions.DependencyInjection;
using RouteController.Tests.Support;
using LeadDesk.Store;
using LeadDesk.Store.CallLog;
using CallOutcome = LeadDesk.Store.CallLog.CallOutcome;

namespace RouteController.Tests.Hosting;

/// <summary>
/// Thousands of calls of every kind in a row must leave nothing behind: no channel or bridge in Asterisk,
/// no call, leg, agent claim or task in the controller, and every call an outcome. The heap is not asserted
/// here: other test classes run in this process at the same time, so only the bench, with the controller in
/// its own process, can say whether memory returns to its baseline.
/// </summary>
public sealed class SoakTests
{
    private const int Calls = 10_000;
    private const int AtOnce = 100;

    [Fact]
    public async Task Ten_thousand_calls_of_all_kinds_leave_no_channel_bridge_or_per_call_state_behind()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var controller = await RunningController.StartAsync();
        await controller.AdminAsync("numbers", "add", "+358401000001", "+358401000002", "+358401000003", "+358401000004");
        await controller.AdminAsync("agents", "add", "answers", "--name", "Answers", "--extension", "1001", "--email", "a@example.com");
        await controller.AdminAsync("agents", "add", "busy", "--name", "Busy", "--extension", "1002", "--email", "b@example.com");
        await controller.AdminAsync("routes", "assign", "+358401000001", "--agent", "answers");
        await controller.AdminAsync("routes", "assign", "+358401000002", "--agent", "busy");
        await controller.AdminAsync("agents", "login", "answers");
        await controller.AdminAsync("agents", "login", "busy");
        controller.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(5), hangUpAfterAnswer: TimeSpan.FromMilliseconds(20)));
        controller.Sim.AddEndpoint("PJSIP/1002", PhoneScript.Busy486());
        string[] dialled = ["+358401000001", "+358401000002", "+358401000003", "+358409999999"];

        var registry = controller.Host.Services.GetRequiredService<CallRegistry>();
        var supervisor = controller.Host.Services.GetRequiredService<CallSupervisor>();

        await PlaceAsync(controller, dialled, Calls, ct);
        await controller.Sim.WaitForAsync(() => registry.ActiveCalls == 0 && supervisor.Running.Count == 0, TimeSpan.FromSeconds(10));

        Assert.Empty(controller.Sim.LiveChannels);
        Assert.Empty(controller.Sim.LiveBridges);
        Assert.Empty(controller.Sim.LivePlaybacks);
        Assert.Equal(0, registry.ActiveCalls);
        Assert.Equal(0, registry.TrackedChannels);
        Assert.Equal(0, controller.Host.Services.GetRequiredService<LeadDesk.RouteController.Agents.AgentClaims>().Held);
        Assert.Empty(supervisor.Running);
        var log = await new CallLogStore(RoutingStore.Open(controller.DatabasePath)).ListAsync(Calls, ct);
        Assert.Equal(Calls, log.Count);
        Assert.DoesNotContain(log, row => row.Outcome is null or CallOutcome.Failed);
    }

    private static async Task PlaceAsync(RunningController controller, string[] dialled, int count, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(AtOnce);
        var placed = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            await gate.WaitAsync(ct);
            var number = dialled[i % dialled.Length];
            placed.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        var call = await controller.CallAsync(number);
                        await call.Ended.WaitAsync(TimeSpan.FromSeconds(30), ct);
                    }
                    finally
                    {
                        gate.Release();
                    }
                },
                ct));
        }

        await Task.WhenAll(placed);
    }
}
