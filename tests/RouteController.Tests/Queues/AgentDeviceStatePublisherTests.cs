using LeadDesk.Ari.Simulator;
using RouteController.Tests.Support;

namespace RouteController.Tests.Queues;

/// <summary>
/// Behind the proxy, a queue member's <c>Stasis:agent-&lt;extension&gt;</c> follows the agent's claims: INUSE while a
/// call holds them, NOT_INUSE after, and set again after a reconnection. One box publishes nothing.
/// </summary>
public sealed class AgentDeviceStatePublisherTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_member_is_in_use_while_a_call_holds_them_and_free_after()
    {
        var settings = RunningController.FastRouting();
        settings["Agents:DialString"] = "PJSIP/{extension}@proxy";
        settings["Agents:DeviceStateInterval"] = "00:00:00.1";
        await using var controller = await RunningController.StartAsync(settings: settings);
        controller.Sim.AddEndpoint("PJSIP/proxy", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(100)));
        await controller.AssignToAliceAsync();
        await controller.AdminAsync("queues", "add", "support");
        await controller.AdminAsync("queues", "add-member", "support", "alice");

        await controller.Sim.WaitForAsync(() => controller.Sim.DeviceState("Stasis:agent-1001") == "NOT_INUSE", Within);
        var call = await controller.CallAsync();
        await controller.Sim.WaitForAsync(() => controller.Sim.DeviceState("Stasis:agent-1001") == "INUSE", Within);
        await call.HangUpAsync();
        await controller.Sim.WaitForAsync(() => controller.Sim.DeviceState("Stasis:agent-1001") == "NOT_INUSE", Within);

        // Only changes are sent: NOT_INUSE, INUSE, NOT_INUSE.
        Assert.Equal(["NOT_INUSE", "INUSE", "NOT_INUSE"], controller.Sim.DeviceStateUpdates.Where(u => u.Device == "Stasis:agent-1001").Select(u => u.State));
    }

    [Fact]
    public async Task One_box_publishes_nothing()
    {
        var settings = RunningController.FastRouting();
        settings["Agents:DeviceStateInterval"] = "00:00:00.1";
        await using var controller = await RunningController.StartAsync(settings: settings);
        await controller.AssignToAliceAsync();
        await controller.AdminAsync("queues", "add", "support");
        await controller.AdminAsync("queues", "add-member", "support", "alice");

        var call = await controller.CallAsync();
        await call.HangUpAsync();
        await controller.CallLogRowAsync(call.ChannelId!);

        Assert.Empty(controller.Sim.DeviceStateUpdates);
    }
}
