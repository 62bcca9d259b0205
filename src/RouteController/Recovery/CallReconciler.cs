using LeadDesk.Ari.Client;
using LeadDesk.Ari.Client.Events;
using LeadDesk.Ari.Client.Models;
using LeadDesk.Ari.Client.Rest;
using LeadDesk.RouteController.Ari;
using LeadDesk.RouteController.Routing;
using Microsoft.Extensions.Logging;
using LeadDesk.Store.CallLog;
using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Treatments;
using LeadDesk.RouteController.Voicemail;
using LeadDesk.Store.Voicemail;

namespace LeadDesk.RouteController.Recovery;

/// <summary>
/// Brings the controller's view back in line with Asterisk after a (re)connection. Asterisk replays nothing
/// from the gap, so: calls whose channels vanished are ended; conversations still bridged are adopted, so
/// either side hanging up still ends the other; anyone else waiting in our application gets a tone and is released.
/// </summary>
internal sealed partial class CallReconciler(
    AriClient ari,
    AriOptions ariOptions,
    CallRegistry registry,
    CallSupervisor supervisor,
    CallerTreatmentPlayer treatments,
    AriConnectionState asterisk,
    CallLogStore callLog,
    LeadDesk.Store.RoutingStore store,
    VoicemailJournal messages,
    VoicemailCall voicemail,
    RoutingOptions options,
    TimeProvider time,
    ILogger<CallReconciler> logger)
{
    /// <param name="connectedAt">
    /// When the websocket came up. Channels created after it are new calls whose StasisStart is still on its way,
    /// not strays: they are left to the dispatcher.
    /// </param>
    public async Task ReconcileAsync(DateTimeOffset connectedAt, CancellationToken ct)
    {
        var channels = await ari.Channels.ListAsync(ct).ConfigureAwait(false);
        var bridges = await ari.Bridges.ListAsync(ct).ConfigureAwait(false);
        var application = await ari.Applications.GetAsync(ariOptions.Application, ct).ConfigureAwait(false);
        var sessions = registry.Sessions;
        var trackedChannels = registry.ChannelIds;

        if (store.Provider == LeadDesk.Store.StoreProvider.Postgres && asterisk.Capabilities is { SystemName: "" })
        {
            // The journal tells Asterisks apart by systemname: without one every controller of the site would take
            // every other's unfinished messages for its own.
            LogNoSystemName();
        }

        var journal = await messages.ListAsync(ct).ConfigureAwait(false);
        var plan = RecoveryPlan.From(new RecoveryFacts(
            channels,
            bridges,
            application.ChannelIds,
            application.BridgeIds,
            [.. sessions.Select(c => new TrackedCall(c.CallerChannelId, [.. c.LiveLegs]))],
            trackedChannels,
            [.. sessions.Select(c => c.BridgeId).OfType<string>()],
            journal,
            connectedAt));
        await CarryOutAsync(plan, ct).ConfigureAwait(false);
        await SettleOpenRowsAsync(connectedAt, ct).ConfigureAwait(false);
    }

    private async Task CarryOutAsync(RecoveryPlan plan, CancellationToken ct)
    {
        // Tells each call that a channel of it is gone, as the lost ChannelDestroyed would have.
        foreach (var gone in plan.Vanished)
        {
            if (registry.TryFind(gone.CallerChannelId, out var call))
            {
                LogVanished(gone.ChannelId, gone.CallerChannelId);
                call.Post(new ChannelDestroyed
                {
                    Type = nameof(ChannelDestroyed),
                    Channel = new Channel { Id = gone.ChannelId },
                    CauseTxt = "gone while the ARI websocket was down",
                });
            }
        }

        foreach (var handedOff in plan.LeaveInDialplan)
        {
            LogLeftInDialplan(handedOff.ChannelId, handedOff.Application);
            await ari.Applications.UnsubscribeAsync(ariOptions.Application, $"channel:{handedOff.ChannelId}", ct).UnlessGoneAsync().ConfigureAwait(false);
        }

        foreach (var bridge in plan.AdoptBridges)
        {
            Adopt(bridge.BridgeId, bridge.First, bridge.Second);
        }

        foreach (var orphan in plan.DestroyBridges)
        {
            LogOrphanBridge(orphan.BridgeId, orphan.ChannelCount);
            await ari.Bridges.DestroyAsync(orphan.BridgeId, ct).UnlessGoneAsync().ConfigureAwait(false);
        }

        foreach (var message in plan.AdoptVoicemail)
        {
            AdoptVoicemail(message.Channel, message.Message);
        }

        foreach (var message in plan.RecoverVoicemail)
        {
            supervisor.Track(RecoverVoicemailAsync(message, supervisor.CallToken));
        }

        foreach (var channel in plan.Release)
        {
            Release(channel);
        }
    }

    /// <summary>
    /// Call-log rows a previous process left open: an adopted conversation completes its own when it ends;
    /// any other is closed as failed, since that call ended without us.
    /// </summary>
    private async Task SettleOpenRowsAsync(DateTimeOffset connectedAt, CancellationToken ct)
    {
        foreach (var row in await callLog.ListOpenAsync(ct).ConfigureAwait(false))
        {
            var followed = registry.TryFind(row.ChannelId, out var call);
            switch (RecoveryPlan.FateOfOpenRow(row.StartedAt, connectedAt, followed, followed && call.Adopted))
            {
                case OpenRowFate.GiveToAdoptedCall:
                    call.AdoptedRowId = row.Id;
                    break;
                case OpenRowFate.CloseAsFailed:
                    LogRowClosed(row.Id, row.ChannelId);
                    // Only if still open: a call that just ended may have its real outcome on the way to the database.
                    await callLog.CompleteIfOpenAsync(row.Id, CallOutcome.Failed, new CallCompletion(
                        EndedAt: time.GetUtcNow(),
                        Detail: "the call ended while no controller was following it"), ct).ConfigureAwait(false);
                    break;
            }
        }
    }

    private void Adopt(string bridgeId, string first, string second)
    {
        var call = new CallSession(first, time, registry.DrainToken) { BridgeId = bridgeId, Adopted = true };
        if (!registry.TryAdd(call))
        {
            return;
        }

        registry.AddLeg(call, second);
        call.MarkLegAnswered(second);
        LogAdopted(bridgeId, first, second);
        supervisor.Track(FollowAdoptedAsync(call, second, supervisor.CallToken));
    }

    private async Task FollowAdoptedAsync(CallSession call, string other, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                switch (await call.NextSignalAsync(Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false))
                {
                    case CallSignal.CallerGone:
                        await ari.Channels.HangupAsync(other, HangupReason.Normal, ct).UnlessGoneAsync().ConfigureAwait(false);
                        return;
                    case CallSignal.LegEnded ended when ended.LegId == other:
                        await ari.Channels.HangupAsync(call.CallerChannelId, HangupReason.Normal, ct).UnlessGoneAsync().ConfigureAwait(false);
                        return;
                    case CallSignal.Draining:
                        call.LeftInAsterisk = true;
                        return;
                }
            }
        }
        finally
        {
            if (!call.LeftInAsterisk && call.BridgeId is { } bridgeId)
            {
                await ari.Bridges.DestroyAsync(bridgeId, CancellationToken.None).UnlessGoneAsync().ConfigureAwait(false);
            }

            if (!call.LeftInAsterisk && call.AdoptedRowId is { } rowId)
            {
                await callLog.CompleteAsync(rowId, CallOutcome.Answered, new CallCompletion(
                    EndedAt: time.GetUtcNow(),
                    Detail: "adopted after a controller restart"), CancellationToken.None).ConfigureAwait(false);
            }

            registry.Remove(call);
            call.Close();
        }
    }

    private void AdoptVoicemail(Channel channel, MessageInProgress message)
    {
        var call = new CallSession(channel.Id, time, registry.DrainToken) { Adopted = true };
        if (!registry.TryAdd(call))
        {
            return;
        }

        supervisor.Track(FollowAdoptedVoicemailAsync(call, message, supervisor.CallToken));
    }

    private async Task FollowAdoptedVoicemailAsync(CallSession call, MessageInProgress message, CancellationToken ct)
    {
        // Off the connect path: the rest of reconciliation (the open rows) must not wait for a message to end.
        await Task.Yield();
        CallOutcome outcome;
        try
        {
            outcome = await voicemail.AdoptAsync(call, message, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (AriFailure.IsRequestFailure(e) || e is InvalidOperationException or InvalidDataException)
        {
            LogAdoptFailed(message.RecordingName, e.Message);
            await ari.Channels.HangupAsync(call.CallerChannelId, HangupReason.Normal, CancellationToken.None).UnlessGoneAsync().ConfigureAwait(false);
            outcome = CallOutcome.Failed;
        }

        try
        {
            // The previous run's row for this call, completed with the message's outcome. Still registered while
            // this runs, so reconciliation does not close the row as failed meanwhile.
            if (!call.LeftInAsterisk
                && (await callLog.ListOpenAsync(CancellationToken.None).ConfigureAwait(false)).FirstOrDefault(r => r.ChannelId == call.CallerChannelId) is { } row)
            {
                await callLog.CompleteIfOpenAsync(row.Id, outcome, new CallCompletion(
                    EndedAt: time.GetUtcNow(),
                    Detail: "message adopted after a controller restart"), CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            registry.Remove(call);
            call.Close();
        }
    }

    private async Task RecoverVoicemailAsync(MessageInProgress message, CancellationToken ct)
    {
        try
        {
            await voicemail.RecoverAsync(message, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (AriFailure.IsRequestFailure(e) || e is InvalidDataException)
        {
            // The row stays: the next start tries again.
            LogAdoptFailed(message.RecordingName, e.Message);
        }
    }

    /// <summary>A caller we have no state for (it was ringing or waiting when we lost track): tone, then release.</summary>
    private void Release(Channel channel)
    {
        var call = new CallSession(channel.Id, time, registry.DrainToken);
        if (!registry.TryAdd(call))
        {
            return;
        }

        LogReleasing(channel.Id, channel.State);
        supervisor.Track(ReleaseAsync(call, channel.State == "Up", supervisor.CallToken));
    }

    private async Task ReleaseAsync(CallSession call, bool answered, CancellationToken ct)
    {
        try
        {
            var treatment = answered
                ? CallerTreatment.Failure(canProgress: true)
                : CallerTreatment.Busy(asterisk.CanProgress, options);
            await treatments.PlayAsync(call, treatment, ct, answered).ConfigureAwait(false);
        }
        catch (AriException e)
        {
            LogReleaseFailed(call.CallerChannelId, e.Message);
            await ari.Channels.HangupAsync(call.CallerChannelId, HangupReason.Congestion, ct).UnlessGoneAsync().ConfigureAwait(false);
        }
        finally
        {
            registry.Remove(call);
            call.Close();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "This Asterisk has no systemname (asterisk.conf [options]) but the store is shared: give each Asterisk of the site its own, or a voicemail being recorded during a restart may be recovered by another controller and lost")]
    private partial void LogNoSystemName();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {ChannelId} of call {CallId} vanished while ARI was disconnected")]
    private partial void LogVanished(string channelId, string callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Adopted bridged conversation {BridgeId}: {First} and {Second}")]
    private partial void LogAdopted(string bridgeId, string first, string second);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {ChannelId} ({State}) was waiting in our application with no call state; releasing it with a tone")]
    private partial void LogReleasing(string channelId, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {ChannelId} is in the dialplan ({Application}), handed off by a previous run; left alone")]
    private partial void LogLeftInDialplan(string channelId, string application);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call-log row {RowId} (channel {ChannelId}) was left open by a previous run; closed as failed")]
    private partial void LogRowClosed(long rowId, string channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bridge {BridgeId} has {Count} channel(s) and no call state; destroying it")]
    private partial void LogOrphanBridge(string bridgeId, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Voicemail {Name} left by a previous run could not be taken over: {Error}")]
    private partial void LogAdoptFailed(string name, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing channel {ChannelId} failed ({Error}); hanging up")]
    private partial void LogReleaseFailed(string channelId, string error);
}
