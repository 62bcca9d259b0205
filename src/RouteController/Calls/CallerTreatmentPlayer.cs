using LeadDesk.Ari.Client;

namespace LeadDesk.RouteController.Calls;

/// <summary>Carries out a <see cref="CallerTreatment"/> on the caller's channel.</summary>
internal sealed class CallerTreatmentPlayer(AriClient ari)
{
    public async Task PlayAsync(CallSession call, CallerTreatment treatment, CancellationToken ct)
    {
        if (call.CallerGone)
        {
            return;
        }

        switch (treatment)
        {
            case CallerTreatment.Reject reject:
                await ari.Channels.HangupAsync(call.CallerChannelId, reject.Reason, ct).ConfigureAwait(false);
                return;

            case CallerTreatment.EarlyMedia early:
                await ari.Channels.ProgressAsync(call.CallerChannelId, ct).ConfigureAwait(false);
                var playbackId = $"{call.CallerChannelId}-tone-{Guid.NewGuid():N}";
                await ari.Channels.PlayAsync(call.CallerChannelId, early.Media, playbackId, ct: ct).ConfigureAwait(false);
                var deadline = call.Now + early.Duration;
                while (true)
                {
                    var signal = await call.NextSignalAsync(deadline, ct).ConfigureAwait(false);
                    if (signal is CallSignal.CallerGone)
                    {
                        return;
                    }

                    if (signal is CallSignal.TimedOut || (signal is CallSignal.PlaybackDone done && done.PlaybackId == playbackId))
                    {
                        break;
                    }
                }

                await ari.Channels.HangupAsync(call.CallerChannelId, early.Then, ct).ConfigureAwait(false);
                return;
        }
    }
}
