using LeadDesk.Ari.Client;
using LeadDesk.Ari.Client.Models;
using LeadDesk.Ari.Client.Rest;
using LeadDesk.RouteController.Ari;
using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Routing;
using Microsoft.Extensions.Logging;
using LeadDesk.Store.Agents;
using LeadDesk.Store.CallLog;
using LeadDesk.Store.Voicemail;
using LeadDesk.RouteController.CallLog;
using LeadDesk.RouteController.Greetings;
using LeadDesk.RouteController.Voicemail.Mail;

namespace LeadDesk.RouteController.Voicemail;

/// <summary>
/// The caller's side of voicemail: answer, greeting, beep, record, goodbye, hang up; then take the recording
/// from Asterisk over ARI, measure it, put it in the outbox with the call's facts and only then delete it from
/// Asterisk. Every wait is bounded; an error throws to the call flow, whose fail-safe ends the call audibly.
/// </summary>
internal sealed partial class VoicemailCall(
    AriClient ari,
    VoicemailOutbox outbox,
    VoicemailOutboxSignal sender,
    GreetingMedia greetingMedia,
    VoicemailJournal inProgress,
    VoicemailOptions options,
    TimeProvider time,
    ILogger<VoicemailCall> logger)
{
    private static readonly TimeSpan PromptLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan GoodbyeLimit = TimeSpan.FromSeconds(10);

    public async Task<CallOutcome> RunAsync(CallSession call, RouteDecision.Voicemail decision, CallRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(record);

        if (!await ari.Channels.AnswerAsync(call.CallerChannelId, ct).UnlessGoneAsync().ConfigureAwait(false))
        {
            return CallOutcome.Abandoned;
        }

        if (!await PlayGreetingAsync(call, decision.AgentId, ct).ConfigureAwait(false))
        {
            return CallOutcome.Abandoned;
        }

        // Unique per call, flat (a '/' would need a spool subdirectory and an escaped path segment).
        var name = "voicemail-" + call.CallerChannelId.Replace('/', '-') + "-" + Guid.NewGuid().ToString("N")[..8];
        var recordedAt = time.GetUtcNow();
        var started = await ari.Channels.RecordAsync(call.CallerChannelId, RecordingRequests.Wav(name, options.MaxSeconds, options.MaxSilenceSeconds), ct)
            .UnlessGoneAsync().ConfigureAwait(false);
        if (!started)
        {
            return CallOutcome.Abandoned;
        }

        // Journalled before anything can interrupt it: a stop or crash from here on leaves a message the next
        // start finds, adopts and mails.
        var message = new MessageInProgress(
            name, call.CallerChannelId, decision.AgentId, decision.AgentName, decision.Email,
            record.CallerNumber, record.CallerName, record.Dialled, recordedAt);
        await inProgress.BeginAsync(message, CancellationToken.None).ConfigureAwait(false);
        return await FinishMessageAsync(call, message, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes over a message a previous run left recording (or recorded but never put in the outbox): the caller
    /// still recording is followed to the end of the message and hears the usual goodbye; a caller already gone
    /// leaves a stored recording, mailed all the same.
    /// </summary>
    public async Task<CallOutcome> AdoptAsync(CallSession call, MessageInProgress message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(message);
        LogAdopted(message.RecordingName, message.AgentId);
        if (await IsStillRecordingAsync(message.RecordingName, ct).ConfigureAwait(false))
        {
            return await FinishMessageAsync(call, message, ct).ConfigureAwait(false);
        }

        // The message ended while no controller ran (its RecordingFinished went nowhere): the caller is waiting.
        await SayGoodbyeAsync(call, ct).ConfigureAwait(false);
        var outcome = await KeepAsync(message, ct).ConfigureAwait(false);
        await inProgress.FinishAsync(message.RecordingName, CancellationToken.None).ConfigureAwait(false);
        return outcome;
    }

    private async Task<bool> IsStillRecordingAsync(string name, CancellationToken ct)
    {
        try
        {
            var live = await ari.Recordings.GetLiveAsync(name, ct).ConfigureAwait(false);
            return live.State is "queued" or "recording" or "paused";
        }
        catch (AriException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>A message whose caller is gone and whose recording is stored: into the outbox, no call to follow.</summary>
    public async Task<CallOutcome> RecoverAsync(MessageInProgress message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        LogRecovered(message.RecordingName, message.AgentId);
        var outcome = await KeepAsync(message, ct).ConfigureAwait(false);
        await inProgress.FinishAsync(message.RecordingName, CancellationToken.None).ConfigureAwait(false);
        return outcome;
    }

    private async Task<CallOutcome> FinishMessageAsync(CallSession call, MessageInProgress message, CancellationToken ct)
    {
        if (!await WaitForRecordingAsync(call, message.RecordingName, ct).ConfigureAwait(false))
        {
            // Stopping: a message can last minutes and shutdown has seconds. The caller goes on recording in
            // Asterisk (bounded by an absolute timeout should no controller come back); the next start adopts it.
            call.LeftInAsterisk = true;
            await LeaveRecordingAsync(call).ConfigureAwait(false);
            return CallOutcome.Voicemail;
        }

        await SayGoodbyeAsync(call, ct).ConfigureAwait(false);
        var outcome = await KeepAsync(message, ct).ConfigureAwait(false);
        await inProgress.FinishAsync(message.RecordingName, CancellationToken.None).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>
    /// The last word to Asterisk before this process stops: the channel hangs up by itself after the longest a
    /// message can still take plus a margin, so a caller is never left on an open line if no controller returns.
    /// </summary>
    private async Task LeaveRecordingAsync(CallSession call)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var seconds = options.MaxSeconds + (int)AbandonedMessageMargin.TotalSeconds;
        try
        {
            await ari.Channels.SetVariableAsync(call.CallerChannelId, "TIMEOUT(absolute)", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), bound.Token)
                .UnlessGoneAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (AriFailure.IsRequestFailureOrCancelled(e))
        {
            LogLeaveFailed(call.CallerChannelId, e.Message);
        }
    }

    // Time for a restarted controller to adopt a message that ended while none ran, and say goodbye.
    private static readonly TimeSpan AbandonedMessageMargin = TimeSpan.FromSeconds(30);

    /// <summary>The agent's own greeting if the database has one, else the stock prompt; then the beep. False: caller gone.</summary>
    private async Task<bool> PlayGreetingAsync(CallSession call, string agentId, CancellationToken ct)
    {
        var media = await greetingMedia.ForAgentAsync(agentId, ct).ConfigureAwait(false);
        if (!await ari.Channels.PlayAsync(call.CallerChannelId, media, NewPlaybackId(call, "greeting"), ct: ct).UnlessGoneAsync().ConfigureAwait(false))
        {
            return false;
        }

        // Playbacks queue per channel: the beep follows the greeting, and its end is the cue to record.
        var beepId = NewPlaybackId(call, "beep");
        if (!await ari.Channels.PlayAsync(call.CallerChannelId, options.Beep, beepId, ct: ct).UnlessGoneAsync().ConfigureAwait(false))
        {
            return false;
        }

        return await call.WaitForPlaybackAsync(beepId, PromptLimit, ct, wakeOnDrain: false).ConfigureAwait(false);
    }

    /// <summary>
    /// Until Asterisk reports the recording finished or the bound passes (true: the message is complete), or the
    /// controller starts stopping (false: the recording goes on in Asterisk for the next start to adopt).
    /// </summary>
    private async Task<bool> WaitForRecordingAsync(CallSession call, string name, CancellationToken ct)
    {
        if (call.CallerGone)
        {
            // Adopted after its caller left: the file is what it is.
            return true;
        }

        var end = await call.WaitForRecordingAsync(
            name,
            TimeSpan.FromSeconds(options.MaxSeconds),
            () =>
            {
                LogRecordingOverran(name);
                return ari.Recordings.StopLiveAsync(name, ct).UnlessGoneAsync();
            },
            ct,
            wakeOnDrain: true).ConfigureAwait(false);
        return MessageKeeping.EndOf(end) switch
        {
            MessageEnd.Failed => throw new InvalidOperationException($"Asterisk could not record the message: {(end as RecordingEnd.Failed)?.Cause ?? "no cause given"}"),
            MessageEnd.LeaveInAsterisk => false,
            _ => true,
        };
    }

    private async Task SayGoodbyeAsync(CallSession call, CancellationToken ct)
    {
        if (call.CallerGone)
        {
            return;
        }

        var id = NewPlaybackId(call, "goodbye");
        if (await ari.Channels.PlayAsync(call.CallerChannelId, options.Goodbye, id, ct: ct).UnlessGoneAsync().ConfigureAwait(false))
        {
            await call.WaitForPlaybackAsync(id, GoodbyeLimit, ct, wakeOnDrain: false).ConfigureAwait(false);
        }

        await ari.Channels.HangupAsync(call.CallerChannelId, HangupReason.Normal, ct).UnlessGoneAsync().ConfigureAwait(false);
    }

    /// <summary>Download, measure, keep or discard; the stored recording is deleted only once the outbox has it.</summary>
    private async Task<CallOutcome> KeepAsync(MessageInProgress message, CancellationToken ct)
    {
        var name = message.RecordingName;
        RecordingFile? file;
        try
        {
            file = await ari.Recordings.DownloadStoredAsync(name, ct).ConfigureAwait(false);
        }
        catch (AriException e) when (e.IsNotFound)
        {
            file = null;
        }

        var length = file is null ? null : WavDuration.Measure(file.Content);
        switch (MessageKeeping.Decide(file is not null, length, options.MinSeconds))
        {
            case MessageFate.DiscardNothingWritten:
                LogDiscarded(name, TimeSpan.Zero);
                return CallOutcome.VoicemailDiscarded;
            case MessageFate.Unmeasurable:
                throw new InvalidDataException($"Recording {name} is not a WAV file we can measure ({file!.ContentType}, {file.Content.Length} bytes); left in Asterisk.");
            case MessageFate.DiscardTooShort:
                LogDiscarded(name, length!.Value);
                await DeleteStoredAsync(name).ConfigureAwait(false);
                return CallOutcome.VoicemailDiscarded;
        }

        var entry = await outbox.EnqueueAsync(new VoicemailMessage(
            message.AgentId,
            message.AgentName,
            message.ToAddress,
            message.Caller,
            message.CallerName,
            message.Dialled,
            message.RecordedAt,
            length!.Value,
            file!.Content,
            message.ChannelId), CancellationToken.None).ConfigureAwait(false);
        sender.Notify();
        LogQueued(entry.Id, message.AgentId, length.Value);

        await DeleteStoredAsync(name).ConfigureAwait(false);
        return CallOutcome.Voicemail;
    }

    /// <summary>Best effort: a leftover file in Asterisk's spool is litter, not a lost message.</summary>
    private async Task DeleteStoredAsync(string name)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await ari.Recordings.DeleteStoredAsync(name, bound.Token).UnlessGoneAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (AriFailure.IsRequestFailureOrCancelled(e))
        {
            LogDeleteFailed(name, e.Message);
        }
    }

    private static string NewPlaybackId(CallSession call, string what) => $"{call.CallerChannelId}-vm-{what}-{Guid.NewGuid():N}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Adopted voicemail {Name} for agent {AgentId}, left recording by a previous run")]
    private partial void LogAdopted(string name, string agentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovered voicemail {Name} for agent {AgentId}: its caller left while no controller ran")]
    private partial void LogRecovered(string name, string agentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not bound the recording caller {ChannelId} before stopping: {Error}")]
    private partial void LogLeaveFailed(string channelId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording {Name} ran past its maximum length; stopping it")]
    private partial void LogRecordingOverran(string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voicemail {Name} discarded: {Length} is shorter than the minimum")]
    private partial void LogDiscarded(string name, TimeSpan length);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voicemail {Id} for agent {AgentId} queued for mail ({Length})")]
    private partial void LogQueued(long id, string agentId, TimeSpan length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording {Name} could not be deleted from Asterisk: {Error}")]
    private partial void LogDeleteFailed(string name, string error);
}
