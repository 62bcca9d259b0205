using LeadDesk.Ari.Client;
using LeadDesk.Ari.Client.Rest;
using LeadDesk.RouteController.Ari;
using LeadDesk.RouteController.Routing;
using Microsoft.Extensions.Logging;
using LeadDesk.RouteController.Calls;

namespace LeadDesk.RouteController.Legs;

/// <summary>
/// Rings a destination for a waiting caller and, on answer, bridges the two until either hangs up.
/// The caller hears ringback and is answered only once the destination answered, so an unanswered
/// call is never charged.
/// </summary>
internal sealed partial class LegConnector(AriClient ari, CallRegistry registry, AriOptions ariOptions, RoutingOptions options, Metrics.CallMetrics metrics, ILogger<LegConnector> logger)
{
    // Asterisk ends the leg at the originate timeout itself; this is our bound should that event be lost.
    private static readonly TimeSpan RingGrace = TimeSpan.FromSeconds(5);

    /// <param name="ringTimeout">How long the destination rings; default <c>Routing:RingTimeoutSeconds</c>.</param>
    public async Task<ConnectResult> ConnectAsync(CallSession call, string endpoint, string callerIdNumber, CancellationToken ct, TimeSpan? ringTimeout = null)
    {
        var ringFor = ringTimeout ?? options.RingTimeout;
        var legId = $"{call.CallerChannelId}-leg-{Guid.NewGuid():N}";
        registry.AddLeg(call, legId);
        if (call.FirstOriginate())
        {
            metrics.Originating(call.ArrivedTimestamp);
        }

        // The originate goes out first and the ringback right behind it, neither waiting for the other: nothing
        // serial stands between the decision and the agent's phone ringing (post-dial delay), and on a real
        // Asterisk the ring, sent first, took CPU from the originate on the same cores (issue 27). The ring's
        // answer is only observed.
        var originate = ari.Channels.OriginateAsync(new OriginateRequest
        {
            Endpoint = endpoint,
            App = ariOptions.Application,
            AppArgs = StasisArguments.ForLeg(call.CallerChannelId),
            CallerId = callerIdNumber,
            Timeout = (int)Math.Ceiling(ringFor.TotalSeconds),
            ChannelId = legId,
        }, ct);
        var ringback = ari.Channels.RingAsync(call.CallerChannelId, ct).UnlessGoneAsync();

        try
        {
            await originate.ConfigureAwait(false);
        }
        catch (AriException e) when (e.IsAllocationFailed)
        {
            // No registered contact, or no such endpoint: Asterisk creates no channel at all.
            LogNoContact(endpoint, e.AsteriskMessage);
            registry.RemoveLeg(call, legId);
            await ringback.ConfigureAwait(false);
            return new ConnectResult.NotConnected(LegFailure.Unreachable);
        }

        await ringback.ConfigureAwait(false);

        var ringing = await AwaitAnswerAsync(call, legId, ringFor, ct).ConfigureAwait(false);
        if (ringing is not null)
        {
            return ringing;
        }

        return await BridgeAsync(call, legId, ct).ConfigureAwait(false);
    }

    /// <summary>Null once the leg answered; otherwise why the call did not connect.</summary>
    private async Task<ConnectResult?> AwaitAnswerAsync(CallSession call, string legId, TimeSpan ringFor, CancellationToken ct)
    {
        var deadline = call.Now + ringFor + RingGrace;
        while (true)
        {
            switch (await call.NextSignalAsync(deadline, ct).ConfigureAwait(false))
            {
                case CallSignal.LegAnswered answered when answered.LegId == legId:
                    return null;

                case CallSignal.LegEnded ended when ended.LegId == legId:
                    var failure = LegFailureClassifier.Classify(ended.Cause);
                    LogLegFailed(legId, ended.Cause.ToString(), failure);
                    return new ConnectResult.NotConnected(failure);

                case CallSignal.CallerGone:
                    // Cancel the agent's phone at once: it must stop ringing when the caller gives up.
                    await ari.Channels.HangupAsync(legId, HangupReason.Normal, ct).UnlessGoneAsync().ConfigureAwait(false);
                    return new ConnectResult.Abandoned();

                case CallSignal.TimedOut:
                    await ari.Channels.HangupAsync(legId, HangupReason.NoAnswer, ct).UnlessGoneAsync().ConfigureAwait(false);
                    return new ConnectResult.NotConnected(LegFailure.NoAnswer);

                case CallSignal.Draining:
                    // Shutting down: stop ringing the agent; the caller gets busy and can call again.
                    await ari.Channels.HangupAsync(legId, HangupReason.Normal, ct).UnlessGoneAsync().ConfigureAwait(false);
                    return new ConnectResult.NotConnected(LegFailure.Failed);
            }
        }
    }

    private async Task<ConnectResult> BridgeAsync(CallSession call, string legId, CancellationToken ct)
    {
        var answeredAt = call.Now;
        var bridgeId = $"{call.CallerChannelId}-bridge";
        await ari.Bridges.CreateAsync(bridgeId, "mixing", ct: ct).ConfigureAwait(false);
        call.BridgeId = bridgeId;

        if (!await ari.Channels.AnswerAsync(call.CallerChannelId, ct).UnlessGoneAsync().ConfigureAwait(false))
        {
            // The caller hung up just as the agent answered.
            await ari.Channels.HangupAsync(legId, HangupReason.Normal, ct).UnlessGoneAsync().ConfigureAwait(false);
            return new ConnectResult.Abandoned();
        }

        if (!await ari.Bridges.AddChannelAsync(bridgeId, [call.CallerChannelId, legId], ct).UnlessGoneAsync().ConfigureAwait(false))
        {
            // One side left between the answers and the bridge. The caller is answered now: never leave them
            // on an open line with nobody there.
            await ari.Channels.HangupAsync(legId, HangupReason.Normal, ct).UnlessGoneAsync().ConfigureAwait(false);
            await ari.Channels.HangupAsync(call.CallerChannelId, HangupReason.Normal, ct).UnlessGoneAsync().ConfigureAwait(false);
            return new ConnectResult.Talked(answeredAt);
        }

        // Talking: no bound here, a conversation lasts as long as it lasts. Either side leaving ends the other.
        while (true)
        {
            switch (await call.NextSignalAsync(Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false))
            {
                case CallSignal.CallerGone:
                    await ari.Channels.HangupAsync(legId, HangupReason.Normal, ct).UnlessGoneAsync().ConfigureAwait(false);
                    return new ConnectResult.Talked(answeredAt);

                case CallSignal.LegEnded ended when ended.LegId == legId:
                    await ari.Channels.HangupAsync(call.CallerChannelId, HangupReason.Normal, ct).UnlessGoneAsync().ConfigureAwait(false);
                    return new ConnectResult.Talked(answeredAt);

                case CallSignal.Draining:
                    // Shutting down: the two keep talking in Asterisk's bridge; the next start adopts them.
                    call.LeftInAsterisk = true;
                    return new ConnectResult.Talked(answeredAt);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Endpoint {Endpoint} cannot be reached: {AsteriskMessage}")]
    private partial void LogNoContact(string endpoint, string? asteriskMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leg {LegId} ended unanswered with cause {Cause}: {Failure}")]
    private partial void LogLegFailed(string legId, string cause, LegFailure failure);
}
