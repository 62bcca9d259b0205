using LeadDesk.RouteController.Agents;
using LeadDesk.Ari.Client;
using LeadDesk.Ari.Client.Events;
using LeadDesk.Ari.Client.Rest;
using LeadDesk.RouteController.Ari;
using LeadDesk.RouteController.CallLog;
using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Greetings;
using LeadDesk.RouteController.Legs;
using LeadDesk.RouteController.Routing;
using LeadDesk.RouteController.Text;
using LeadDesk.RouteController.Treatments;
using LeadDesk.Store.Agents;
using LeadDesk.Store.CallLog;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Outbound;
using Microsoft.Extensions.Logging;

namespace LeadDesk.RouteController.Outbound;

/// <summary>
/// An agent's call to a lead, from the agent's StasisStart to its call-log row: know the agent by their phone,
/// apply the dial policy, choose the caller ID, then create the lead's channel through the trunk, bridge it with
/// the agent's and only then dial it, so the agent hears the lead's own ringback or early media. The agent is on
/// a call for inbound routing throughout, and nothing of the call outlives it.
/// </summary>
internal sealed partial class OutboundCallFlow(
    AriClient ari,
    AriOptions ariOptions,
    CallRegistry registry,
    AgentClaims claims,
    AriConnectionState asterisk,
    AgentRoster agents,
    CallerIdLookup callerIds,
    OutboundSettingsStore settings,
    PhoneNumberNormalizer numbers,
    CallRecorder recorder,
    CallerTreatmentPlayer treatments,
    CallLifetime lifetime,
    RoutingOptions routing,
    OutboundOptions options,
    ILogger<OutboundCallFlow> logger)
{
    // Asterisk ends the lead's leg at the dial timeout itself; this is our bound should that event be lost.
    private static readonly TimeSpan RingGrace = TimeSpan.FromSeconds(5);

    public Task RunAsync(CallSession call, StasisStart start, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(start);

        var dialled = StasisArguments.Subject(start) ?? start.Channel.Dialplan.Exten;
        var extension = AgentExtension.FromChannelName(start.Channel.Name);
        return lifetime.RunAsync(call, () => new CallEnding
        {
            // What the phone dialled is cut to digits before it reaches a log line.
            BeginScope = () => logger.BeginScope(
                "Outbound call {CallId} from extension {Extension} to {Dialled}", call.CallerChannelId, extension ?? "?", CallerIdText.Number(dialled)),
            LogFailed = e => LogCallFailed(e, e.Message),
            // As for carrier calls: one line with the call, no stack trace; the agent hears the failure tone.
            LogTimedOut = e => LogAriTimedOut(call.CallerChannelId, e.Message),
            FailSafeTone = () => Tone(AgentTone.Failure),
            // The agent's phone is never left on an open line either.
            HangUpCaller = true,
            RecordIfNone = () => recorder.BeginOutbound(call, start, dialled, null),
        }, run => DialAsync(call, start, dialled, extension, run, ct), ct);
    }

    private async Task DialAsync(CallSession call, StasisStart start, string dialled, string? extension, CallRun run, CancellationToken ct)
    {
        var outbound = await settings.GetAsync(ct).ConfigureAwait(false);
        var verdict = DialPolicy.Check(dialled, numbers, outbound.RegionsOrDefault(numbers.DefaultRegion));
        var record = run.Record = recorder.BeginOutbound(call, start, dialled, (verdict as DialVerdict.Allowed)?.E164);
        if (call.IsDraining)
        {
            await ari.Channels.HangupAsync(call.CallerChannelId, HangupReason.Congestion, ct).UnlessGoneAsync().ConfigureAwait(false);
            record.Ended(CallOutcome.Failed, "controller stopping");
            return;
        }

        var agent = extension is null ? null : await agents.FindByExtensionAsync(extension, ct).ConfigureAwait(false);
        var callerId = agent is null ? null : await callerIds.ForAgentAsync(agent.Id, ct).ConfigureAwait(false);
        var decision = OutboundDecision.Decide(new OutboundFacts(agent?.Id, verdict, routing.OutboundTrunk, callerId));
        if (agent is not null)
        {
            record.DialsOut(agent.Id, null);
        }

        if (decision is OutboundDecision.Refuse refusal)
        {
            LogRefusal(refusal, start.Channel.Name, agent?.Id ?? "", callerId);
            await RefuseAsync(call, record, refusal, ct).ConfigureAwait(false);
            return;
        }

        var dial = (OutboundDecision.Dial)decision;
        record.Presented(dial.Presented);
        record.DialsOut(dial.AgentId, dial.Endpoint);

        if (!await claims.TryClaimAsync(dial.AgentId, call.CallerChannelId, ct).ConfigureAwait(false))
        {
            // A second call from a phone already on one through us (a second line, a transfer attempt).
            var busy = OutboundDecision.AlreadyOnCall;
            await treatments.PlayAsync(call, Tone(busy.Tone), ct).ConfigureAwait(false);
            record.Ended(busy.Outcome, busy.Detail);
            return;
        }

        run.AtEnd(() => claims.ReleaseAsync(dial.AgentId, call.CallerChannelId).AsTask());
        LogDialling(dial.AgentId, dial.Lead, dial.Presented, dial.CallerId.Why);
        await DialLeadAsync(call, dial.Endpoint, dial.CallerId, record, ct).ConfigureAwait(false);
    }

    private async Task RefuseAsync(CallSession call, CallRecord record, OutboundDecision.Refuse refusal, CancellationToken ct)
    {
        record.Ended(refusal.Outcome, refusal.Detail);
        await treatments.PlayAsync(call, Tone(refusal.Tone), ct).ConfigureAwait(false);
    }

    private CallerTreatment Tone(AgentTone tone) => AgentTreatments.For(tone, asterisk.CanProgress, options);

    private void LogRefusal(OutboundDecision.Refuse refusal, string channelName, string agentId, CallerIdDecision? callerId)
    {
        switch (refusal.Reason)
        {
            case OutboundRefusal.NotAnAgent:
                LogNotAnAgent(CallerIdText.Name(channelName) ?? "?");
                break;
            case OutboundRefusal.DialPolicy:
                LogRefused(agentId, refusal.Detail);
                break;
            case OutboundRefusal.NoTrunk:
                LogNoTrunk();
                break;
            case OutboundRefusal.NoCallerId:
                LogNoCallerId(agentId, callerId?.Why ?? "the agent is gone");
                break;
        }
    }

    // Asterisk puts a created channel into the application within milliseconds; past this it never will.
    private static readonly TimeSpan LegStartLimit = TimeSpan.FromSeconds(5);

    private static async Task<bool> LegEnteredStasisAsync(CallSession call, string legId, CancellationToken ct)
    {
        var deadline = call.Now + LegStartLimit;
        while (true)
        {
            switch (await call.NextSignalAsync(deadline, ct).ConfigureAwait(false))
            {
                case CallSignal.LegReady ready when ready.LegId == legId:
                    return true;
                case CallSignal.LegEnded ended when ended.LegId == legId:
                case CallSignal.CallerGone or CallSignal.TimedOut or CallSignal.Draining:
                    return false;
            }
        }
    }

    private async Task DialLeadAsync(CallSession call, string endpoint, CallerIdDecision callerId, CallRecord record, CancellationToken ct)
    {
        var legId = $"{call.CallerChannelId}-lead-{Guid.NewGuid():N}";
        registry.AddLeg(call, legId);
        call.MarkDialledLeg(legId);
        try
        {
            // No originator: Asterisk would copy the agent's own caller ID (the extension) into the lead channel's
            // connected line, which is what the trunk's INVITE presents.
            // Who the lead sees, set as the channel is created (before it can present anything, and before it is in
            // Stasis, where a separate request could not reach it yet): the chosen number, and a name only when the
            // campaign gives one. CONNECTEDLINE(...,i) sets the identity the INVITE's From / P-Asserted-Identity carry
            // without sending an update (CALLERID alone is presented as anonymous); CALLERID is the channel's own party.
            var number = callerId.Number ?? throw new InvalidOperationException("a refused caller ID reached the dial");
            var identity = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["CALLERID(num)"] = number,
                ["CALLERID(name)"] = callerId.CallerName,
                ["CONNECTEDLINE(num,i)"] = number,
                ["CONNECTEDLINE(name,i)"] = callerId.CallerName,
            };
            await ari.Channels.CreateAsync(endpoint, ariOptions.Application, StasisArguments.ForLeg(call.CallerChannelId), channelId: legId, variables: identity, ct: ct)
                .ConfigureAwait(false);
        }
        catch (AriException e) when (e.IsAllocationFailed)
        {
            LogTrunkUnavailable(endpoint, e.AsteriskMessage);
            registry.RemoveLeg(call, legId);
            record.Ended(CallOutcome.Failed, "the trunk cannot be reached: " + e.AsteriskMessage);
            await treatments.PlayAsync(call, Tone(AgentTone.Failure), ct).ConfigureAwait(false);
            return;
        }

        // Bridged before it is dialled, so the lead's 180/183 and early media reach the agent's phone. Inhibited:
        // the agent's identity (their extension) is never presented to the lead's leg, so the trunk never sends it
        // on in an UPDATE or re-INVITE.
        // A created channel enters Stasis only after the create's 200 (its StasisStart may even come first): until
        // then Asterisk refuses to bridge it (422), as seen on Asterisk 22.10.1.
        if (!await LegEnteredStasisAsync(call, legId, ct).ConfigureAwait(false))
        {
            if (call.CallerGone)
            {
                record.Ended(CallOutcome.Cancelled, "the agent hung up before the lead was dialled");
                return;
            }

            record.Ended(CallOutcome.Failed, "the lead's channel never entered the application");
            await treatments.PlayAsync(call, Tone(AgentTone.Failure), ct).ConfigureAwait(false);
            return;
        }

        var bridgeId = $"{call.CallerChannelId}-bridge";
        await ari.Bridges.CreateAsync(bridgeId, "mixing", ct: ct).ConfigureAwait(false);
        call.BridgeId = bridgeId;
        if (!await ari.Bridges.AddChannelAsync(bridgeId, [call.CallerChannelId, legId], inhibitConnectedLineUpdates: true, ct).UnlessGoneAsync().ConfigureAwait(false))
        {
            record.Ended(CallOutcome.Cancelled, "the agent hung up before the lead was dialled");
            return;
        }

        await ari.Channels.DialAsync(legId, timeoutSeconds: (int)Math.Ceiling(options.RingTimeout.TotalSeconds), ct: ct).ConfigureAwait(false);
        if (!await AwaitAnswerAsync(call, legId, record, ct).ConfigureAwait(false))
        {
            return;
        }

        record.Answered(call.Now);
        if (!await ari.Channels.AnswerAsync(call.CallerChannelId, ct).UnlessGoneAsync().ConfigureAwait(false))
        {
            // The agent hung up just as the lead answered.
            await ari.Channels.HangupAsync(legId, HangupReason.Normal, ct).UnlessGoneAsync().ConfigureAwait(false);
            record.Ended(CallOutcome.Answered);
            return;
        }

        // Talking: no bound, a conversation lasts as long as it lasts. Either side leaving ends the other.
        while (true)
        {
            switch (await call.NextSignalAsync(Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false))
            {
                case CallSignal.CallerGone:
                    await ari.Channels.HangupAsync(legId, HangupReason.Normal, ct).UnlessGoneAsync().ConfigureAwait(false);
                    record.Ended(CallOutcome.Answered);
                    return;

                case CallSignal.LegEnded ended when ended.LegId == legId:
                    await ari.Channels.HangupAsync(call.CallerChannelId, HangupReason.Normal, ct).UnlessGoneAsync().ConfigureAwait(false);
                    record.Ended(CallOutcome.Answered);
                    return;

                case CallSignal.Draining:
                    // Shutting down: the two keep talking in Asterisk's bridge.
                    call.LeftInAsterisk = true;
                    record.Ended(CallOutcome.Answered);
                    return;
            }
        }
    }

    /// <summary>True once the lead answered; otherwise the call's end is decided and recorded here.</summary>
    private async Task<bool> AwaitAnswerAsync(CallSession call, string legId, CallRecord record, CancellationToken ct)
    {
        var deadline = call.Now + options.RingTimeout + RingGrace;
        while (true)
        {
            switch (await call.NextSignalAsync(deadline, ct).ConfigureAwait(false))
            {
                case CallSignal.LegAnswered answered when answered.LegId == legId:
                    return true;

                case CallSignal.LegEnded ended when ended.LegId == legId:
                    await LeadNotReachedAsync(call, ended.Cause, record, ct).ConfigureAwait(false);
                    return false;

                case CallSignal.CallerGone:
                    // The agent gave up: the lead's phone must stop ringing at once.
                    await ari.Channels.HangupAsync(legId, HangupReason.Normal, ct).UnlessGoneAsync().ConfigureAwait(false);
                    record.Ended(CallOutcome.Cancelled);
                    return false;

                case CallSignal.TimedOut:
                    await ari.Channels.HangupAsync(legId, HangupReason.NoAnswer, ct).UnlessGoneAsync().ConfigureAwait(false);
                    await LeadNotReachedAsync(call, new HangupCause(HangupCause.NoAnswer), record, ct).ConfigureAwait(false);
                    return false;

                case CallSignal.Draining:
                    await ari.Channels.HangupAsync(legId, HangupReason.Normal, ct).UnlessGoneAsync().ConfigureAwait(false);
                    record.Ended(CallOutcome.Failed, "controller stopping");
                    await treatments.PlayAsync(call, Tone(AgentTone.Failure), ct).ConfigureAwait(false);
                    return false;
            }
        }
    }

    private async Task LeadNotReachedAsync(CallSession call, HangupCause cause, CallRecord record, CancellationToken ct)
    {
        var failure = LegFailureClassifier.Classify(cause);
        LogLeadNotReached(cause.ToString(), failure);

        // The agent alone in the bridge: take them out, so the tone is theirs and nothing else plays into it.
        if (call.BridgeId is { } bridgeId)
        {
            await ari.Bridges.DestroyAsync(bridgeId, ct).UnlessGoneAsync().ConfigureAwait(false);
            call.BridgeId = null;
        }

        var (outcome, tone, detail) = OutboundDecision.LeadNotReached(failure, cause);
        record.Ended(outcome, detail);
        await treatments.PlayAsync(call, Tone(tone), ct).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} dials {Lead} presenting {CallerId}: {Why}")]
    private partial void LogDialling(string agentId, string lead, string callerId, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbound call from {ChannelName}, which is no agent's phone: refused")]
    private partial void LogNotAnAgent(string channelName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbound call of agent {AgentId} refused: {Detail}")]
    private partial void LogRefused(string agentId, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbound calls are refused: Routing:OutboundTrunk is empty (set it to the carrier trunk's PJSIP endpoint, e.g. carrier)")]
    private partial void LogNoTrunk();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbound call of agent {AgentId} refused, no caller ID to present: {Why}")]
    private partial void LogNoCallerId(string agentId, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "The trunk cannot be reached ({Endpoint}): {AsteriskMessage}")]
    private partial void LogTrunkUnavailable(string endpoint, string? asteriskMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "The lead was not reached, cause {Cause}: {Failure}")]
    private partial void LogLeadNotReached(string cause, LegFailure failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbound call failed: {Error}")]
    private partial void LogCallFailed(Exception e, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbound call {CallId} failed, Asterisk too slow: {Error} The agent gets the failure tone.")]
    private partial void LogAriTimedOut(string callId, string error);
}
