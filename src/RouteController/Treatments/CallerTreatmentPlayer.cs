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
                var deadline = call.Now + early.Duration;
                while (true)
                {
                    var signal = await call.NextSignalAsync(deadline, ct).ConfigureAwait(false);
                    if (signal is CallSignal.CallerGone)
                    {
                        return;
                    }

                    if (signal is CallSignal.TimedOut or CallSignal.Draining || (signal is CallSignal.PlaybackDone done && done.PlaybackId == playbackId))
                    {
                        break;
                    }
                }

                await ari.Channels.HangupAsync(call.CallerChannelId, early.Then, ct).UnlessGoneAsync().ConfigureAwait(false);
                return;
        }
    }
}
