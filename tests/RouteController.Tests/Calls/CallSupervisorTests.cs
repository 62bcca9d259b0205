using LeadDesk.Ari.Simulator;
using LeadDesk.RouteController.Calls;
using Microsoft.Extensions.DependencyInjection;
using RouteController.Tests.Support;

namespace RouteController.Tests.Calls;

/// <summary>
/// Every channel in Stasis gets a task or is released with a cause, never left in silence; every call task is
/// tracked until it ends, and only an abort cancels them.
/// </summary>
public sealed class CallSupervisorTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_channel_entering_Stasis_for_something_this_controller_does_not_serve_is_released()
    {
        await using var controller = await RunningController.StartAsync();

        var call = await controller.Sim.PlaceInboundCallAsync(new InboundCall
        {
            App = "leaddesk",
            Args = ["fax", RunningController.Number],
            Exten = RunningController.Number,
            CallerNumber = "358451112233",
        });

        await controller.AssertNothingLeftAsync();
        Assert.False(call.Answered);
    }

    [Fact]
    public async Task A_tracked_task_is_waited_on_until_it_ends_and_only_Abort_cancels_the_call_token()
    {
        await using var controller = await RunningController.StartAsync();
        var supervisor = controller.Host.Services.GetRequiredService<CallSupervisor>();
        var adopted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        supervisor.Track(adopted.Task);
        Assert.Contains(adopted.Task, supervisor.Running);
        Assert.False(supervisor.CallToken.IsCancellationRequested);

        adopted.SetResult();
        await Poll.UntilAsync(() => !supervisor.Running.Contains(adopted.Task), Within, "the ended task no longer running", TestContext.Current.CancellationToken);

        var failing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        supervisor.Track(failing.Task);
        failing.SetException(new InvalidOperationException("outside its flow"));
        await Poll.UntilAsync(() => !supervisor.Running.Contains(failing.Task), Within, "the failed task no longer running", TestContext.Current.CancellationToken);

        supervisor.Abort();
        Assert.True(supervisor.CallToken.IsCancellationRequested);
    }
}
