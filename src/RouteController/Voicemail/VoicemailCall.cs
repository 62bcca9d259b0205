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
    AgentRoster agents,
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

        await WaitForRecordingAsync(call, name, ct).ConfigureAwait(false);
        await SayGoodbyeAsync(call, ct).ConfigureAwait(false);
        return await KeepAsync(call, decision, record, name, recordedAt, ct).ConfigureAwait(false);
    }

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

    /// <summary>Until Asterisk reports the recording finished or the bound passes. Shutdown does not cut a message short.</summary>
    private async Task WaitForRecordingAsync(CallSession call, string name, CancellationToken ct)
    {
        var end = await call.WaitForRecordingAsync(
            name,
            TimeSpan.FromSeconds(options.MaxSeconds),
            () =>
            {
                LogRecordingOverran(name);
                return ari.Recordings.StopLiveAsync(name, ct).UnlessGoneAsync();
            },
            ct,
            wakeOnDrain: false).ConfigureAwait(false);
        if (end is RecordingEnd.Failed failed)
        {
            throw new InvalidOperationException($"Asterisk could not record the message: {failed.Cause ?? "no cause given"}");
        }

        // Unreported: take whatever file Asterisk has.
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
    private async Task<CallOutcome> KeepAsync(
        CallSession call, RouteDecision.Voicemail decision, CallRecord record, string name, DateTimeOffset recordedAt, CancellationToken ct)
    {
        RecordingFile file;
        try
        {
            file = await ari.Recordings.DownloadStoredAsync(name, ct).ConfigureAwait(false);
        }
        catch (AriException e) when (e.IsNotFound)
        {
            // Nothing was written (hung up before any audio): nothing to keep.
            LogDiscarded(name, TimeSpan.Zero);
            return CallOutcome.VoicemailDiscarded;
        }

        var length = WavDuration.Measure(file.Content)
            ?? throw new InvalidDataException($"Recording {name} is not a WAV file we can measure ({file.ContentType}, {file.Content.Length} bytes); left in Asterisk.");

        if (length.TotalSeconds < options.MinSeconds)
        {
            LogDiscarded(name, length);
            await DeleteStoredAsync(name).ConfigureAwait(false);
            return CallOutcome.VoicemailDiscarded;
        }

        var agent = await agents.FindAsync(decision.AgentId, ct).ConfigureAwait(false);
        var entry = await outbox.EnqueueAsync(new VoicemailMessage(
            decision.AgentId,
            agent?.Name,
            decision.Email,
            record.CallerNumber,
            record.CallerName,
            record.Dialled,
            recordedAt,
            length,
            file.Content,
            call.CallerChannelId), CancellationToken.None).ConfigureAwait(false);
        sender.Notify();
        LogQueued(entry.Id, decision.AgentId, length);

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
        catch (Exception e) when (e is AriException or HttpRequestException or TimeoutException or OperationCanceledException)
        {
            LogDeleteFailed(name, e.Message);
        }
    }

    private static string NewPlaybackId(CallSession call, string what) => $"{call.CallerChannelId}-vm-{what}-{Guid.NewGuid():N}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording {Name} ran past its maximum length; stopping it")]
    private partial void LogRecordingOverran(string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voicemail {Name} discarded: {Length} is shorter than the minimum")]
    private partial void LogDiscarded(string name, TimeSpan length);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voicemail {Id} for agent {AgentId} queued for mail ({Length})")]
    private partial void LogQueued(long id, string agentId, TimeSpan length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording {Name} could not be deleted from Asterisk: {Error}")]
    private partial void LogDeleteFailed(string name, string error);
}
