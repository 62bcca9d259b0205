using LeadDesk.Ari.Client;
using LeadDesk.Ari.Client.Rest;
using LeadDesk.RouteController.Ari;
using Microsoft.Extensions.Logging;

namespace LeadDesk.RouteController.Calls;

/// <summary>
/// The end of every call the controller drives: nothing it created outlives the call (legs hung up, bridge
/// destroyed), bounded, and a failure here is logged, never thrown over the call's own outcome.
/// </summary>
internal sealed partial class CallTeardown(AriClient ari, ILogger<CallTeardown> logger)
{
    /// <param name="hangUpCaller">Also hang up the call's own channel if it is still there (an agent's phone).</param>
    public async Task TearDownAsync(CallSession call, bool hangUpCaller = false)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        foreach (var legId in call.LiveLegs)
        {
            await Quietly(ari.Channels.HangupAsync(legId, HangupReason.Normal, bound.Token)).ConfigureAwait(false);
        }

        if (call.BridgeId is { } bridgeId)
        {
            await Quietly(ari.Bridges.DestroyAsync(bridgeId, bound.Token)).ConfigureAwait(false);
        }

        if (hangUpCaller && !call.CallerGone)
        {
            await Quietly(ari.Channels.HangupAsync(call.CallerChannelId, HangupReason.Normal, bound.Token)).ConfigureAwait(false);
        }
    }

    private async Task Quietly(Task operation)
    {
        try
        {
            await operation.UnlessGoneAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (AriFailure.IsRequestFailureOrCancelled(e))
        {
            LogCleanupFailed(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clean-up after the call failed: {Error}")]
    private partial void LogCleanupFailed(string error);
}
