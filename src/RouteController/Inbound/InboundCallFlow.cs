using LeadDesk.RouteController.Agents;
using LeadDesk.RouteController.Callers;
using LeadDesk.Ari.Client;
using LeadDesk.Ari.Client.Events;
using LeadDesk.Ari.Client.Rest;
using LeadDesk.RouteController.Ari;
using LeadDesk.RouteController.Endpoints;
using LeadDesk.RouteController.Routing;
using LeadDesk.RouteController.Voicemail;
using Microsoft.Extensions.Logging;
using LeadDesk.Store.Agents;
using LeadDesk.Store.CallLog;
using LeadDesk.RouteController.CallLog;
using LeadDesk.RouteController.Handoff;
using LeadDesk.RouteController.Health;
using LeadDesk.RouteController.Legs;
using LeadDesk.RouteController.Text;
using LeadDesk.RouteController.Treatments;
using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Callbacks;
using LeadDesk.Store.Callbacks;

namespace LeadDesk.RouteController.Inbound;

/// <summary>
/// One carrier call from StasisStart to its call-log row: look the number up, decide, carry the decision out,
/// and whatever happens, leave nothing behind and the caller never in silence.
/// </summary>
internal sealed partial class InboundCallFlow(
    AriClient ari,
    AgentClaims claims,
    AriConnectionState asterisk,
    RouteResolver resolver,
    CallbackResolver callbacks,
    CallerResolver callers,
    CallRecorder recorder,
    LegConnector connector,
    DialplanHandoff handoff,
    CallerTreatmentPlayer treatments,
    VoicemailCall voicemailCall,
    DecisionClock decisionClock,
    Metrics.CallMetrics metrics,
    AgentPhones phones,
    AgentDialString agentDialString,
    CallLifetime lifetime,
    RoutingOptions options,
    ILogger<InboundCallFlow> logger)
{
    public Task RunAsync(CallSession call, StasisStart start, CancellationToken ct)
    {
        var dialled = DialledNumber.FromStasisStart(start);
        // One rule for who called, shown the same on the agent's phone, in this log and in the call log.
        var caller = callers.Resolve(start.Channel.Caller);
        return lifetime.RunAsync(call, () => new CallEnding
        {
            // Runs on the event reader up to its first wait on the network (the agent's originate, or an answer of the
            // store on PostgreSQL): the decision is microseconds of work, and a hop to the thread pool first cost a
            // thread wake-up before every originate, post-dial delay that the box's load multiplied (issue 27).
            YieldFirst = false,
            // A message-template scope: rendered readably by the console and as properties by structured sinks.
            // Carrier-supplied text is cut to digits first, so a caller cannot write into our logs.
            BeginScope = () => logger.BeginScope(
                "Call {CallId} to {Dialled} from {Caller}", call.CallerChannelId, CallerIdText.Number(dialled), caller.Shown),
            LogFailed = e => LogCallFailed(e, e.Message),
            // The caller still hears the failure tone.
            LogTimedOut = e => LogAriTimedOut(call.CallerChannelId, e.Message),
            LogCallerLeft = LogCallerLeft,
            FailSafeTone = () => CallerTreatment.Failure(asterisk.CanProgress),
            Record = recorder.Begin(call, dialled, caller),
        }, run => RouteAsync(call, start, dialled, run.Record!, ct), ct);
    }

    private async Task RouteAsync(CallSession call, StasisStart start, string dialled, CallRecord record, CancellationToken ct)
    {
        if (call.IsDraining)
        {
            // Stopping: take no new calls, but answer them with a cause rather than silence.
            await ari.Channels.HangupAsync(call.CallerChannelId, HangupReason.Busy, ct).UnlessGoneAsync().ConfigureAwait(false);
            record.Ended(CallOutcome.Busy, "controller stopping");
            return;
        }

        var (e164, route, decision) = await resolver.ResolveRouteAsync(dialled, ct).ConfigureAwait(false);
        if (e164 is not null)
        {
            record.Resolved(e164);
        }

        var callback = await callbacks.DecideAsync(route, decision, start.Channel.Caller.Number, ct).ConfigureAwait(false);
        record.Decided(decision);
        decisionClock.Record(start.ReceivedTimestamp);
        metrics.Decided(start.ReceivedTimestamp);
        LogDecision(decision.Route, decision.ToString());
        if (callback is CallbackDecision.RingFirst first)
        {
            LogCallbackFirst(first.Agent.AgentId, first.Agent.CalledAt);
            if (await RingCallbackAgentAsync(call, first, record, ct).ConfigureAwait(false))
            {
                return;
            }
        }
        else if (callback is CallbackDecision.OwnRouteOnly { Why: not (CallbackSkip.Off or CallbackSkip.NotRoutable) } skipped)
        {
            LogCallbackSkipped(skipped.Why, skipped.Agent?.AgentId);
        }

        await CarryOutAsync(call, decision, record, ct).ConfigureAwait(false);
    }

    private async Task CarryOutAsync(CallSession call, RouteDecision decision, CallRecord record, CancellationToken ct)
    {
        switch (decision)
        {
            case RouteDecision.Unknown:
                await ari.Channels.HangupAsync(call.CallerChannelId, HangupReason.Unallocated, ct).UnlessGoneAsync().ConfigureAwait(false);
                record.Ended(CallOutcome.Unknown);
                break;

            case RouteDecision.NotAssigned:
                await treatments.PlayAsync(call, CallerTreatment.NotInService(asterisk.CanProgress, options), ct).ConfigureAwait(false);
                record.Ended(CallOutcome.Unassigned);
                break;

            case RouteDecision.AgentUnreachable:
                await treatments.PlayAsync(call, CallerTreatment.NotInService(asterisk.CanProgress, options), ct).ConfigureAwait(false);
                record.Ended(CallOutcome.Unreachable);
                break;

            case RouteDecision.Voicemail voicemail:
                record.Ended(await voicemailCall.RunAsync(call, voicemail, record, ct).ConfigureAwait(false));
                break;

            case RouteDecision.Queue queue:
                await HandOffAsync(call, DialplanHandoff.QueueContext, queue.QueueName, 1, CallOutcome.Queued, record, ct).ConfigureAwait(false);
                break;

            case RouteDecision.Dialplan target:
                await HandOffAsync(call, target.Context, target.Extension, target.Priority, CallOutcome.Custom, record, ct).ConfigureAwait(false);
                break;

            case RouteDecision.CustomEndpoint endpoint:
                await ConnectAsync(call, endpoint.Dialstring, agentId: null, CallOutcome.Custom, record, ct).ConfigureAwait(false);
                break;

            case RouteDecision.Misconfigured broken:
                LogMisconfigured(broken.DestinationName, broken.Problem);
                await treatments.PlayAsync(call, CallerTreatment.Failure(asterisk.CanProgress), ct).ConfigureAwait(false);
                record.Ended(CallOutcome.Failed, broken.Problem);
                break;

            case RouteDecision.RingAgent agent:
                await RingAgentAsync(call, agent, record, ct).ConfigureAwait(false);
                break;
        }
    }

    private async Task RingAgentAsync(CallSession call, RouteDecision.RingAgent agent, CallRecord record, CancellationToken ct)
    {
        if (!await claims.TryClaimAsync(agent.AgentId, call.CallerChannelId, ct).ConfigureAwait(false))
        {
            LogAgentBusy(agent.AgentId, "already on a call");
            await SendBusyAsync(call, record, ct).ConfigureAwait(false);
            return;
        }

        try
        {
            // Asterisk's own view too: the agent may be on a call we do not drive (an outbound dial, a queue call).
            var phone = await phones.StateAsync(agent.Extension, ct).ConfigureAwait(false);
            if (phone is not AgentPhoneState.Free)
            {
                LogAgentBusy(agent.AgentId, phone is AgentPhoneState.UnknownToAsterisk ? "endpoint unknown to Asterisk" : "endpoint has channels");
                await SendBusyAsync(call, record, ct).ConfigureAwait(false);
                return;
            }

            await ConnectAsync(call, agentDialString.For(agent.Extension), agent.AgentId, CallOutcome.Answered, record, ct).ConfigureAwait(false);
        }
        finally
        {
            await claims.ReleaseAsync(agent.AgentId, call.CallerChannelId).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Rings the agent who called this lead, for <c>Routing:CallbackRingSeconds</c>, with ringback to the caller. True
    /// when the call ended here (answered, or the caller left); false to go on to the number's own route, with no tone
    /// in between: the callback step never plays busy or that agent's voicemail.
    /// </summary>
    private async Task<bool> RingCallbackAgentAsync(CallSession call, CallbackDecision.RingFirst first, CallRecord record, CancellationToken ct)
    {
        var agent = first.Agent;
        string why;
        if (!await claims.TryClaimAsync(agent.AgentId, call.CallerChannelId, ct).ConfigureAwait(false))
        {
            // Claimed since the decision by another call: as good as on a call.
            why = $"callback to {agent.AgentId} skipped: on a call";
        }
        else
        {
            try
            {
                record.RingsCallbackAgent(agent);
                var result = await connector.ConnectAsync(call, agentDialString.For(agent.Extension), record.CallerNumberForDisplay, ct, options.CallbackRing).ConfigureAwait(false);
                switch (ConnectOutcome.OfCallback(result, agent.AgentId))
                {
                    case ConnectOutcome.Ended ended:
                        End(record, ended);
                        return true;
                    case ConnectOutcome.FallThrough fallThrough:
                        if (fallThrough.Failure is { } failure)
                        {
                            LogNotConnected(agent.AgentId, failure);
                        }

                        why = fallThrough.Why;
                        break;
                    default:
                        throw new InvalidOperationException("a callback either ends the call or falls through");
                }
            }
            finally
            {
                await claims.ReleaseAsync(agent.AgentId, call.CallerChannelId).ConfigureAwait(false);
            }
        }

        record.FellThrough($"{why}; own route {OwnRouteText(first.OwnRoute)}", first.OwnRoute);
        LogCallbackFellThrough(why);
        return false;
    }

    private static string OwnRouteText(RouteDecision own) => own switch
    {
        RouteDecision.Queue q => "queue " + q.QueueName,
        RouteDecision.RingAgent a => "agent " + a.AgentId,
        RouteDecision.Voicemail v => "agent " + v.AgentId + " (voicemail)",
        RouteDecision.AgentUnreachable u => "agent " + u.AgentId + " (not reachable)",
        RouteDecision.Dialplan d => "custom " + d.DestinationName,
        RouteDecision.CustomEndpoint e => "custom " + e.DestinationName,
        RouteDecision.Misconfigured m => "custom " + m.DestinationName,
        _ => own.Route,
    };

    private async Task ConnectAsync(CallSession call, string dialstring, string? agentId, CallOutcome answeredOutcome, CallRecord record, CancellationToken ct)
    {
        // The phone shows the caller's number, never their free-text name.
        var result = await connector.ConnectAsync(call, dialstring, record.CallerNumberForDisplay, ct).ConfigureAwait(false);
        switch (ConnectOutcome.OfRoute(result, answeredOutcome))
        {
            case ConnectOutcome.Ended ended:
                End(record, ended);
                break;
            case ConnectOutcome.Busy busy:
                LogNotConnected(agentId ?? dialstring, busy.Failure);
                await SendBusyAsync(call, record, ct, busy.Failure.ToString()).ConfigureAwait(false);
                break;
        }
    }

    private static void End(CallRecord record, ConnectOutcome.Ended ended)
    {
        if (ended.AnsweredAt is { } answeredAt)
        {
            record.Answered(answeredAt);
        }

        record.Ended(ended.Outcome, ended.Detail);
    }

    private async Task SendBusyAsync(CallSession call, CallRecord record, CancellationToken ct, string? detail = null)
    {
        await treatments.PlayAsync(call, CallerTreatment.Busy(asterisk.CanProgress, options), ct).ConfigureAwait(false);
        record.Ended(CallOutcome.Busy, detail);
    }

    private async Task HandOffAsync(CallSession call, string context, string extension, int priority, CallOutcome outcome, CallRecord record, CancellationToken ct)
    {
        var result = await handoff.HandOffAsync(call, context, extension, priority, ct).ConfigureAwait(false);
        if (result is null)
        {
            record.Ended(CallOutcome.Abandoned);
            return;
        }

        if (result.AnsweredAt is { } answeredAt)
        {
            record.Answered(answeredAt);
        }

        record.Ended(outcome);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Route {Route}: {Decision}")]
    private partial void LogDecision(string route, string decision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback: agent {AgentId} rings first (their answered call to this caller at {CalledAt:u})")]
    private partial void LogCallbackFirst(string agentId, DateTimeOffset calledAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback not rung ({Why}, agent {AgentId}): the number's own route")]
    private partial void LogCallbackSkipped(CallbackSkip why, string? agentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Why}: the number's own route")]
    private partial void LogCallbackFellThrough(string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "The caller left while a request was on its way ({Answer})")]
    private partial void LogCallerLeft(string answer);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call failed: {Error}")]
    private partial void LogCallFailed(Exception e, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId} failed, Asterisk too slow: {Error} The caller gets the failure tone.")]
    private partial void LogAriTimedOut(string callId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} is busy: {Why}")]
    private partial void LogAgentBusy(string agentId, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Destination} did not take the call: {Failure}")]
    private partial void LogNotConnected(string destination, LegFailure failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Custom destination {Destination} cannot be used: {Problem}")]
    private partial void LogMisconfigured(string destination, string problem);
}
