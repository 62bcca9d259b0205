using System.Collections.Concurrent;
using LeadDesk.Ari.Client;
using LeadDesk.Ari.Client.Events;
using LeadDesk.Ari.Client.Rest;
using LeadDesk.RouteController.Ari;
using LeadDesk.RouteController.Greetings;
using LeadDesk.RouteController.Outbound;
using Microsoft.Extensions.Logging;
using LeadDesk.RouteController.Inbound;

namespace LeadDesk.RouteController.Calls;

/// <summary>
/// Supervises every call task: gives each new channel in Stasis its own task (carrier calls an
/// <see cref="InboundCallFlow"/>, an agent's feature code a <see cref="GreetingCall"/>, an agent dialling a lead an
/// <see cref="OutboundCallFlow"/>), tracks the tasks it did
/// not start (adopted calls, orphan legs), and is what shutdown waits on and finally aborts. Anything we cannot
/// serve is released with a cause rather than left in silence.
/// </summary>
internal sealed partial class CallSupervisor(
    CallRegistry registry,
    InboundCallFlow flow,
    GreetingCall greetingCall,
    OutboundCallFlow outboundCall,
    AriClient ari,
    TimeProvider time,
    ILogger<CallSupervisor> logger)
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    // Calls are not cancelled when the websocket closes at shutdown: draining ends them deliberately, and only
    // what is still running after the grace period is aborted.
    private readonly CancellationTokenSource _abort = new();

    /// <summary>Call tasks still running; shutdown waits on these.</summary>
    public IReadOnlyCollection<Task> Running => _running.Keys.ToArray();

    /// <summary>The token call tasks run under; cancelled only by <see cref="Abort"/>.</summary>
    public CancellationToken CallToken => _abort.Token;

    /// <summary>Cancels every call task still running; the last step of shutdown.</summary>
    public void Abort() => _abort.Cancel();

    /// <summary>Starts driving a channel that entered Stasis and belongs to no call yet. Must not block: it runs on the event reader.</summary>
    public void Start(StasisStart start)
    {
        var ct = _abort.Token;
        var kind = StasisArguments.Kind(start);
        switch (kind)
        {
            case StasisArguments.Inbound:
                Follow(start, session => flow.RunAsync(session, start, ct));
                break;

            case StasisArguments.Greeting:
                Follow(start, session => greetingCall.RunAsync(session, start, ct));
                break;

            case StasisArguments.Outbound:
                Follow(start, session => outboundCall.RunAsync(session, start, ct));
                break;

            case StasisArguments.Leg:
                // A leg whose call already ended (the caller hung up while it was being answered).
                LogOrphanLeg(start.Channel.Id);
                // Off the event reader: this runs inline with event dispatch, which must only post.
                Track(Task.Run(() => ari.Channels.HangupAsync(start.Channel.Id, HangupReason.Normal, ct).UnlessGoneAsync(), CancellationToken.None));
                break;

            default:
                LogUnsupported(start.Channel.Id, kind, start.Channel.Name);
                Track(Task.Run(() => ari.Channels.HangupAsync(start.Channel.Id, HangupReason.Unallocated, ct).UnlessGoneAsync(), CancellationToken.None));
                break;
        }
    }

    private void Follow(StasisStart start, Func<CallSession, Task> run)
    {
        var session = new CallSession(start.Channel.Id, time, registry.DrainToken) { ArrivedTimestamp = start.ReceivedTimestamp };
        // Registered before this returns, so the channel's next event (same lane, in order) finds it.
        if (registry.TryAdd(session))
        {
            Track(run(session));
        }
    }

    /// <summary>Runs a call task the supervisor did not start itself (an adopted call), so shutdown waits for it too.</summary>
    public void Track(Task task)
    {
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(
            (t, state) =>
            {
                ((ConcurrentDictionary<Task, byte>)state!).TryRemove(t, out _);
                if (t.IsFaulted)
                {
                    LogTaskFaulted(t.Exception?.GetBaseException().Message);
                }
            },
            _running,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Leg {ChannelId} answered after its call ended; hanging it up")]
    private partial void LogOrphanLeg(string channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {ChannelId} ({ChannelName}) entered Stasis with '{Kind}', which this controller does not serve; released as unallocated")]
    private partial void LogUnsupported(string channelId, string kind, string channelName);

    [LoggerMessage(Level = LogLevel.Error, Message = "A call task failed outside its flow: {Error}")]
    private partial void LogTaskFaulted(string? error);
}
