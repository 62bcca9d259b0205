using LeadDesk.Ari.Client;
using LeadDesk.RouteController.Ari;
using LeadDesk.RouteController.Calls;

namespace LeadDesk.RouteController.Treatments;

/// <summary>
/// Carries out a <see cref="CallerTreatment"/> on the caller's channel. A caller who hangs up while the tone is
/// being set up simply ends the treatment: every request tolerates the channel being gone.
/// </summary>
internal sealed class CallerTreatmentPlayer(AriClient ari)
{
    // Asterisk reports a stopped playback within milliseconds; past this the hang-up goes ahead regardless.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    private enum PlaybackEnd
    {
        Done,
        StillPlaying,
        CallerGone,
    }

    private static async Task<PlaybackEnd> WaitForEndAsync(CallSession call, string playbackId, DateTimeOffset deadline, CancellationToken ct)
    {
        while (true)
        {
            switch (await call.NextSignalAsync(deadline, ct).ConfigureAwait(false))
            {
                case CallSignal.CallerGone:
                    return PlaybackEnd.CallerGone;
                case CallSignal.PlaybackDone done when done.PlaybackId == playbackId:
                    return PlaybackEnd.Done;
                case CallSignal.TimedOut or CallSignal.Draining:
                    return PlaybackEnd.StillPlaying;
            }
        }
    }

    public async Task PlayAsync(CallSession call, CallerTreatment treatment, CancellationToken ct, bool answered = false)
    {
        if (call.CallerGone)
        {
            return;
        }

        // At shutdown there is no time for a tone: the cause alone tells the caller's network what happened.
        if (treatment is CallerTreatment.EarlyMedia quick && call.IsDraining)
        {
            treatment = new CallerTreatment.Reject(quick.Then);
        }

        switch (treatment)
        {
            case CallerTreatment.Reject reject:
                await ari.Channels.HangupAsync(call.CallerChannelId, reject.Reason, ct).UnlessGoneAsync().ConfigureAwait(false);
                return;

            case CallerTreatment.EarlyMedia early:
                if (!answered && !await ari.Channels.ProgressAsync(call.CallerChannelId, ct).UnlessGoneAsync().ConfigureAwait(false))
                {
                    return;
                }

                var playbackId = $"{call.CallerChannelId}-tone-{Guid.NewGuid():N}";
                if (!await ari.Channels.PlayAsync(call.CallerChannelId, early.Media, playbackId, ct: ct).UnlessGoneAsync().ConfigureAwait(false))
                {
                    return;
                }
                switch (await WaitForEndAsync(call, playbackId, call.Now + early.Duration, ct).ConfigureAwait(false))
                {
                    case PlaybackEnd.CallerGone:
                        return;
                    case PlaybackEnd.StillPlaying:
                        // A tone never ends by itself. Hanging up under a playing tone makes Asterisk log
                        // "WARNING ... Playback failed for tone:busy" on every busy call: stop it first and wait
                        // (briefly) for Asterisk to report it done, so the treatment ends cleanly.
                        if (await ari.Playbacks.StopAsync(playbackId, ct).UnlessGoneAsync().ConfigureAwait(false)
                            && await WaitForEndAsync(call, playbackId, call.Now + StopGrace, ct).ConfigureAwait(false) is PlaybackEnd.CallerGone)
                        {
                            return;
                        }

                        break;
                }

                await ari.Channels.HangupAsync(call.CallerChannelId, early.Then, ct).UnlessGoneAsync().ConfigureAwait(false);
                return;
        }
    }
}
