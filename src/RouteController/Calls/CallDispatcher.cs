using LeadDesk.Ari.Client;
using LeadDesk.Ari.Client.Events;
using LeadDesk.Ari.Client.EventStream;
using LeadDesk.RouteController.Ari;
using LeadDesk.RouteController.Endpoints;
using Microsoft.Extensions.Logging;
using LeadDesk.RouteController.Recovery;

namespace LeadDesk.RouteController.Calls;

/// <summary>
/// Hands each ARI event to the call it belongs to, and starts a call for each carrier channel entering Stasis.
/// It only looks things up and posts: the work of a call runs on the call's own task.
/// </summary>
internal sealed partial class CallDispatcher(
    AriClient ari,
    CallRegistry registry,
    CallSupervisor supervisor,
    AriConnectionState connection,
    CallReconciler reconciler,
    EndpointMonitor endpoints,
    AriOptions ariOptions,
    Metrics.CallMetrics metrics,
    ILogger<CallDispatcher> logger)
    : IInlineAriEventHandler
{
    public ValueTask OnEventAsync(AriEvent e, CancellationToken ct)
    {
        metrics.EventReceived(e.Type);
        if (e is ApplicationReplaced)
        {
            LogApplicationReplaced(e.Application);
            connection.MarkReplaced();
            return ValueTask.CompletedTask;
        }

        if (e is DeviceStateChanged deviceChange)
        {
            endpoints.OnStateChange(deviceChange);
            return ValueTask.CompletedTask;
        }

        var channelId = e.ChannelId;
        if (channelId is not null && registry.TryFind(channelId, out var call))
        {
            if (e is StasisStart again && call.HandedToDialplan && call.CallerChannelId == channelId)
            {
                // Back in Stasis from the dialplan (a hand-edited dialplan that loops into from-carrier): a new
                // call, never ignored. The old following ends; the new call takes the channel over.
                LogReentered(channelId);
                registry.Remove(call);
                call.Post(e);
                supervisor.Start(again);
                return ValueTask.CompletedTask;
            }

            call.Post(e);
            return ValueTask.CompletedTask;
        }

        // A queue dialling its members reports on the member's channel; the caller is the one we follow.
        if (e is Dial { Caller.Id: { } callerId } && registry.TryFind(callerId, out var queued))
        {
            queued.Post(e);
            return ValueTask.CompletedTask;
        }

        if (e is StasisStart start)
        {
            supervisor.Start(start);
            return ValueTask.CompletedTask;
        }

        LogUnclaimed(e.Type, channelId);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Runs before the stream reads its first event: reconciling first means no event of the new connection is
    /// read against a stale view of the calls.
    /// </summary>
    public async ValueTask OnConnectedAsync(AriConnection info, CancellationToken ct)
    {
        if (info.IsReconnect)
        {
            metrics.Reconnected();
        }

        await connection.OnConnectedAsync(info, ct).ConfigureAwait(false);
        try
        {
            await ari.Applications.FilterEventsAsync(ariOptions.Application, ApplicationEvents.Read, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (AriFailure.IsRequestFailure(e))
        {
            // An Asterisk without event filters still works; it only sends more than we read.
            LogFilterFailed(e.Message);
        }

        try
        {
            await endpoints.FollowAgentsAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (AriFailure.IsRequestFailure(e))
        {
            // Each call then asks for its agent's endpoint itself.
            LogFollowFailed(e.Message);
        }

        try
        {
            await reconciler.ReconcileAsync(info.NewCallsFrom, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (AriFailure.IsRequestFailure(e))
        {
            LogReconcileFailed(e.Message);
        }
    }

    public ValueTask OnDisconnectedAsync(string reason, Exception? error, CancellationToken ct)
    {
        connection.OnDisconnected(reason, error);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {ChannelId} entered Stasis again from the dialplan; handled as a new call")]
    private partial void LogReentered(string channelId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Another process took over the ARI application {Application}: this controller no longer receives calls")]
    private partial void LogApplicationReplaced(string? application);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set the application's event filter: {Error}")]
    private partial void LogFilterFailed(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not follow the agents' phones; each call will ask Asterisk: {Error}")]
    private partial void LogFollowFailed(string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not reconcile calls with Asterisk after connecting: {Error}")]
    private partial void LogReconcileFailed(string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{EventType} for channel {ChannelId} belongs to no call in progress")]
    private partial void LogUnclaimed(string eventType, string? channelId);
}
