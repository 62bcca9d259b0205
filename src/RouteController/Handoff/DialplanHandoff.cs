using LeadDesk.Ari.Client;
using LeadDesk.RouteController.Ari;
using Microsoft.Extensions.Logging;
using LeadDesk.RouteController.Calls;

namespace LeadDesk.RouteController.Handoff;

/// <summary>
/// Hands a caller to the dialplan (a queue, or a support-made dialplan destination) and follows the channel
/// there until it ends, so the call log can say whether anyone answered.
/// </summary>
internal sealed partial class DialplanHandoff(AriClient ari, AriOptions ariOptions, ILogger<DialplanHandoff> logger)
{
    /// <summary>The context the controller continues queue calls into; extension = queue name, priority 1.</summary>
    public const string QueueContext = "leaddesk-queues";

    /// <summary>How the channel ended in the dialplan, or null when the caller was gone before the handoff.</summary>
    public async Task<DialplanResult?> HandOffAsync(CallSession call, string context, string extension, int priority, CancellationToken ct)
    {
        // Subscribe first: after /continue the channel leaves Stasis and, unsubscribed, we would never hear of it again.
        if (!await ari.Applications.SubscribeAsync(ariOptions.Application, $"channel:{call.CallerChannelId}", ct).UnlessGoneAsync().ConfigureAwait(false))
        {
            return null;
        }

        call.MarkHandedToDialplan();
        if (!await ari.Channels.ContinueAsync(call.CallerChannelId, context, extension, priority, ct: ct).UnlessGoneAsync().ConfigureAwait(false))
        {
            return null;
        }

        LogHandedOff(context, extension);
        DateTimeOffset? answeredAt = null;
        while (true)
        {
            switch (await call.NextSignalAsync(Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false))
            {
                case CallSignal.DialProgress { Status: "ANSWER" } when answeredAt is null:
                    answeredAt = call.Now;
                    break;
                case CallSignal.CallerGone or CallSignal.Draining:
                    // At shutdown the call simply stays in the dialplan; only our following of it ends.
                    return new DialplanResult(answeredAt);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Handed to dialplan {Context},{Extension}")]
    private partial void LogHandedOff(string context, string extension);
}
