using LeadDesk.RouteController.Agents;
using LeadDesk.Ari.Client;
using LeadDesk.Ari.Client.Events;
using LeadDesk.Ari.Client.Rest;
using LeadDesk.RouteController.Ari;
using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Voicemail;
using Microsoft.Extensions.Logging;
using LeadDesk.Store.Agents;
using LeadDesk.RouteController.Text;

namespace LeadDesk.RouteController.Greetings;

/// <summary>
/// An agent's <c>*97</c> call: find the agent from the phone, then the menus of README.md's "Agents' greetings". A new recording is a
/// draft until the agent presses <c>1</c> to keep it; a hang-up, two silent rounds or a failure at any point leave
/// the previous greeting as it was, and the draft is deleted from Asterisk.
/// </summary>
internal sealed partial class GreetingCall(
    AriClient ari,
    CallLifetime lifetime,
    AgentRoster agents,
    AgentGreetings greetings,
    GreetingOptions options,
    GreetingMedia greetingMedia,
    TimeProvider time,
    Metrics.CallMetrics metrics,
    ILogger<GreetingCall> logger)
{
    // A composed menu is a dozen fragments; past this the prompt is taken as over and the key wait begins.
    private static readonly TimeSpan PromptLimit = TimeSpan.FromSeconds(60);

    public Task RunAsync(CallSession call, StasisStart start, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(start);

        var extension = AgentExtension.FromChannelName(start.Channel.Name);
        return lifetime.RunAsync(call, () => new CallEnding
        {
            BeginScope = () => logger.BeginScope("Greeting call {CallId} from extension {Extension}", call.CallerChannelId, extension ?? "?"),
            // Before a keep reached the database the previous greeting is untouched (a keep that got further says
            // so in its own log line); the agent hears the call end.
            LogFailed = e => LogFailed(e, e.Message),
            HangUpCaller = true,
        }, run => GreetAsync(call, start, extension, run, ct), ct);
    }

    private async Task GreetAsync(CallSession call, StasisStart start, string? extension, CallRun run, CancellationToken ct)
    {
        if (call.IsDraining)
        {
            await ari.Channels.HangupAsync(call.CallerChannelId, HangupReason.Busy, ct).UnlessGoneAsync().ConfigureAwait(false);
            return;
        }

        if (!await ari.Channels.AnswerAsync(call.CallerChannelId, ct).UnlessGoneAsync().ConfigureAwait(false))
        {
            return;
        }

        var agent = extension is null ? null : await agents.FindByExtensionAsync(extension, ct).ConfigureAwait(false);
        if (agent is null)
        {
            LogNotAnAgent(CallerIdText.Name(start.Channel.Name) ?? "?");
            await PlayToEndAsync(call, [options.NotAnAgent, options.Goodbye], ct).ConfigureAwait(false);
            return;
        }

        var draft = $"greeting-draft-{agent.Id}-{Guid.NewGuid().ToString("N")[..8]}";
        // Kept or not, the draft leaves Asterisk's spool with the call.
        run.AtEnd(() => BestEffortAsync(() => ari.Recordings.DeleteStoredAsync(draft, CancellationToken.None)));
        await RunMenusAsync(call, agent.Id, draft, ct).ConfigureAwait(false);
    }

    private async Task RunMenusAsync(CallSession call, string agentId, string draft, CancellationToken ct)
    {
        var level = GreetingMenuLevel.Main;
        while (true)
        {
            var choice = await AskAsync(call, level, ct).ConfigureAwait(false);
            if (choice is null)
            {
                // No key twice, the agent hung up, or we are stopping.
                if (!call.CallerGone)
                {
                    await PlayToEndAsync(call, [options.Goodbye], ct).ConfigureAwait(false);
                }

                return;
            }

            switch (choice)
            {
                case GreetingChoice.HearCurrent:
                    await HearCurrentAsync(call, agentId, ct).ConfigureAwait(false);
                    break;

                case GreetingChoice.Record or GreetingChoice.RecordAgain:
                    if (!await RecordAsync(call, draft, ct).ConfigureAwait(false))
                    {
                        return;
                    }

                    level = GreetingMenuLevel.Review;
                    break;

                case GreetingChoice.HearNew:
                    await PlayToEndAsync(call, ["recording:" + draft], ct).ConfigureAwait(false);
                    break;

                case GreetingChoice.Keep:
                    await KeepAsync(agentId, draft, ct).ConfigureAwait(false);
                    await PlayToEndAsync(call, [options.Saved], ct).ConfigureAwait(false);
                    level = GreetingMenuLevel.Main;
                    break;

                case GreetingChoice.Delete:
                    await DeleteAsync(agentId, ct).ConfigureAwait(false);
                    await PlayToEndAsync(call, [options.Deleted], ct).ConfigureAwait(false);
                    break;

                case GreetingChoice.Leave:
                    await PlayToEndAsync(call, [options.Goodbye], ct).ConfigureAwait(false);
                    return;

                default:
                    await PlayToEndAsync(call, [options.InvalidKey], ct).ConfigureAwait(false);
                    break;
            }

            if (call.CallerGone || call.IsDraining)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Plays the menu and waits for a key that means something there; a key during the prompt stops it (barge-in).
    /// Null after two rounds without a key, or when the agent left or we are stopping.
    /// </summary>
    private async Task<GreetingChoice?> AskAsync(CallSession call, GreetingMenuLevel level, CancellationToken ct)
    {
        var prompt = MediaList(level == GreetingMenuLevel.Main ? options.MainMenu : options.ReviewMenu);
        for (var round = 0; round < 2; round++)
        {
            var playbackId = NewPlaybackId(call, "menu");
            if (!await ari.Channels.PlayAsync(call.CallerChannelId, prompt, playbackId, ct: ct).UnlessGoneAsync().ConfigureAwait(false))
            {
                return null;
            }

            var playing = true;
            var deadline = call.Now + PromptLimit;
            var roundOver = false;
            while (!roundOver)
            {
                switch (await call.NextSignalAsync(deadline, ct).ConfigureAwait(false))
                {
                    case CallSignal.CallerGone or CallSignal.Draining:
                        return null;

                    case CallSignal.Digit digit when GreetingMenu.Choose(level, digit.Key) is var choice && choice != GreetingChoice.Ignore:
                        if (playing)
                        {
                            await ari.Playbacks.StopAsync(playbackId, ct).UnlessGoneAsync().ConfigureAwait(false);
                        }

                        return choice;

                    case CallSignal.PlaybackDone done when done.PlaybackId == playbackId:
                    case CallSignal.TimedOut when playing:
                        // The key timeout runs from the end of the prompt, as on any IVR.
                        playing = false;
                        deadline = call.Now + options.KeyTimeout;
                        break;

                    case CallSignal.TimedOut:
                        roundOver = true;
                        break;
                }
            }
        }

        LogNoKey(level);
        return null;
    }

    /// <summary>Prompt, beep, record into the draft until <c>#</c>, silence or the length limit. False when the agent left or we are stopping.</summary>
    private async Task<bool> RecordAsync(CallSession call, string draft, CancellationToken ct)
    {
        if (!await PlayToEndAsync(call, [options.RecordPrompt, options.Beep], ct).ConfigureAwait(false))
        {
            return false;
        }

        var started = await ari.Channels.RecordAsync(call.CallerChannelId, RecordingRequests.Wav(draft, options.MaxSeconds, options.MaxSilenceSeconds), ct)
            .UnlessGoneAsync().ConfigureAwait(false);
        if (!started)
        {
            return false;
        }

        var end = await call.WaitForRecordingAsync(
            draft,
            TimeSpan.FromSeconds(options.MaxSeconds),
            () => ari.Recordings.StopLiveAsync(draft, ct).UnlessGoneAsync(),
            ct,
            wakeOnDrain: true).ConfigureAwait(false);
        switch (GreetingTake.After(end))
        {
            case GreetingTakeFate.Review:
                return true;
            case GreetingTakeFate.Failed:
                throw new InvalidOperationException($"Asterisk could not record the greeting: {(end as RecordingEnd.Failed)?.Cause ?? "no cause given"}");
            case GreetingTakeFate.Cancel:
                await ari.Recordings.CancelLiveAsync(draft, ct).UnlessGoneAsync().ConfigureAwait(false);
                return false;
            case GreetingTakeFate.DiscardUnfinished:
                LogRecordingUnfinished(draft);
                return false;
            default:
                // A take the agent hung up on is deleted with the call, never kept.
                return false;
        }
    }

    /// <summary>
    /// The database first: it is the copy that survives and the one callers hear (<see cref="GreetingMedia"/>).
    /// Only where greetings are not served over HTTP is the stable
    /// stored recording in Asterisk is replaced (ARI's copy refuses an existing name, so delete, then copy); a
    /// voicemail caller in that instant hears the default greeting, never silence.
    /// </summary>
    private async Task KeepAsync(string agentId, string draft, CancellationToken ct)
    {
        var file = await ari.Recordings.DownloadStoredAsync(draft, ct).ConfigureAwait(false);
        var length = WavDuration.Measure(file.Content)
            ?? throw new InvalidDataException($"Recording {draft} is not a WAV file we can measure ({file.ContentType}, {file.Content.Length} bytes).");
        var stable = AgentGreetings.RecordingNameFor(agentId);
        await greetings.SaveAsync(new AgentGreeting(agentId, stable, file.Content, time.GetUtcNow()), ct).ConfigureAwait(false);
        // Kept from here: the database copy is the one callers hear.
        metrics.GreetingRecorded();
        if (greetingMedia.Served)
        {
            // Asterisk fetches it from us over HTTP: the database copy is all there is to keep.
            LogKept(agentId, stable, length);
            return;
        }

        try
        {
            await ari.Recordings.DeleteStoredAsync(stable, ct).UnlessGoneAsync().ConfigureAwait(false);
            await ari.Recordings.CopyStoredAsync(draft, stable, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (AriFailure.IsRequestFailure(e))
        {
            // The database has the new greeting; Asterisk has not. Callers get the default greeting (never
            // silence) until an operator puts the file back: say exactly that.
            LogKeptOnlyInDatabase(agentId, stable, e.Message);
            throw;
        }

        LogKept(agentId, stable, length);
    }

    private async Task DeleteAsync(string agentId, CancellationToken ct)
    {
        await greetings.DeleteAsync(agentId, ct).ConfigureAwait(false);
        await ari.Recordings.DeleteStoredAsync(AgentGreetings.RecordingNameFor(agentId), ct).UnlessGoneAsync().ConfigureAwait(false);
        LogDeleted(agentId);
    }

    /// <summary>What the agent's callers hear now: their own greeting, else the default.</summary>
    private async Task HearCurrentAsync(CallSession call, string agentId, CancellationToken ct) =>
        await PlayToEndAsync(call, [await greetingMedia.ForAgentAsync(agentId, ct).ConfigureAwait(false)], ct).ConfigureAwait(false);

    /// <summary>Plays the media in order and waits for the end. False when the agent left or we are stopping.</summary>
    private async Task<bool> PlayToEndAsync(CallSession call, IReadOnlyList<string> media, CancellationToken ct)
    {
        var playbackId = NewPlaybackId(call, "prompt");
        if (!await ari.Channels.PlayAsync(call.CallerChannelId, media, playbackId, ct: ct).UnlessGoneAsync().ConfigureAwait(false))
        {
            return false;
        }

        return await call.WaitForPlaybackAsync(playbackId, PromptLimit, ct).ConfigureAwait(false);
    }

    /// <summary>Clean-up that must not throw: a leftover draft in Asterisk's spool is litter, not a lost greeting.</summary>
    private async Task BestEffortAsync(Func<Task> operation)
    {
        try
        {
            await operation().WaitAsync(TimeSpan.FromSeconds(5)).UnlessGoneAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Anything: clean-up in a finally must not skip the steps after it (hang-up, leaving the registry).
            LogCleanUpFailed(e.Message);
        }
    }

    private static string[] MediaList(string media) => media.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string NewPlaybackId(CallSession call, string what) => $"{call.CallerChannelId}-greeting-{what}-{Guid.NewGuid():N}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "{ChannelName} dialled the greeting code but is no agent's phone; refused")]
    private partial void LogNotAnAgent(string channelName);

    [LoggerMessage(Level = LogLevel.Information, Message = "No key at the {Level} menu twice; ending the greeting call")]
    private partial void LogNoKey(GreetingMenuLevel level);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} kept a new greeting {Recording} ({Length})")]
    private partial void LogKept(string agentId, string recording, TimeSpan length);

    [LoggerMessage(Level = LogLevel.Error, Message = "Agent {AgentId}'s new greeting is in the database but could not be stored in Asterisk as {Recording} ({Error}); callers hear the default greeting until `leaddesk-admin agents greeting {AgentId} --restore --to <recording spool>`")]
    private partial void LogKeptOnlyInDatabase(string agentId, string recording, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording {Name} was stopped but Asterisk never reported it finished; not offered for keeping")]
    private partial void LogRecordingUnfinished(string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} deleted their greeting; callers hear the default")]
    private partial void LogDeleted(string agentId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Greeting call failed: {Error}")]
    private partial void LogFailed(Exception e, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clean-up after a greeting call failed: {Error}")]
    private partial void LogCleanUpFailed(string error);
}
