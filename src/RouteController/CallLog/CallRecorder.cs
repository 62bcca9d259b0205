using LeadDesk.Ari.Client.Events;
using LeadDesk.RouteController.Agents;
using Microsoft.Extensions.Logging;
using LeadDesk.Store.CallLog;
using LeadDesk.RouteController.Callers;
using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Metrics;
using LeadDesk.RouteController.Text;

namespace LeadDesk.RouteController.CallLog;

/// <summary>
/// Writes each call's row in the call log: opened when the call arrives, completed when it ends. A failing
/// database is logged, never allowed to fail the call itself.
/// </summary>
internal sealed partial class CallRecorder(
    CallLogWriter log, AgentDialString agentDialString, TimeProvider time, CallMetrics metrics, ILogger<CallRecorder> logger)
{
    /// <summary>Opens the row of a carrier call; the caller as <see cref="CallerIdRule"/> decided (the number, or <c>anonymous</c>).</summary>
    public CallRecord Begin(CallSession call, string dialled, CallerIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var record = new CallRecord(call.CallerChannelId, time.GetUtcNow(), dialled, caller.Shown, caller.Name, agentDialString) { Caller = caller };
        record.Row = log.WriteAsync(new CallLogWrite.Start(
            record.CallId, record.StartedAt, CallerIdText.Number(dialled) is { Length: > 0 } d ? d : "?", record.CallerNumber, record.CallerName));
        metrics.CallStarted(record.Direction);
        return record;
    }

    /// <summary>
    /// Opens the row of an agent's call to a lead: the number as dialled (the E.164 form once the dial policy
    /// allowed it), the agent's phone as the caller, no caller name (an agent's own name is nobody's business).
    /// </summary>
    public CallRecord BeginOutbound(CallSession call, StasisStart start, string dialled, string? leadNumber)
    {
        var shownDialled = leadNumber ?? (CallerIdText.Number(dialled) is { Length: > 0 } d ? d : "?");
        var record = new CallRecord(call.CallerChannelId, time.GetUtcNow(), shownDialled, CallerIdText.Number(start.Channel.Caller.Number), null, agentDialString)
        {
            Direction = CallDirection.Outbound,
        };
        record.Row = log.WriteAsync(new CallLogWrite.Start(
            record.CallId, record.StartedAt, shownDialled, record.CallerNumber, null, CallDirection.Outbound, leadNumber));
        metrics.CallStarted(record.Direction);
        return record;
    }

    /// <summary>
    /// Completes the call's row, and logs the call's end in one information line (outcome, durations, route, agent).
    /// Called inside the call's log scope, so the line carries the call's id like its arrival and route did.
    /// </summary>
    public async Task FinishAsync(CallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var endedAt = time.GetUtcNow();
        var outcome = record.Outcome ?? CallOutcome.Failed;
        // Counted and logged whether or not the row can be written: the call happened either way.
        metrics.CallEnded(record.Direction, record.Route, outcome);
        LogCallEnded(
            outcome.ToToken(),
            Seconds(endedAt - record.StartedAt),
            record.AnsweredAt is { } answeredAt ? Seconds(endedAt - answeredAt) : 0,
            record.Route ?? "-",
            record.AgentId ?? "-");
        try
        {
            var id = await record.Row!.ConfigureAwait(false);
            var completion = new CallCompletion(
                EndedAt: endedAt,
                RouteType: record.Route,
                AgentId: record.AgentId,
                Destination: record.Destination,
                AnsweredAt: record.AnsweredAt,
                Detail: record.Detail,
                DialledNumber: record.Dialled,
                CallerIdUsed: record.CallerIdUsed);
            await log.WriteAsync(new CallLogWrite.Complete(id, record.Outcome ?? CallOutcome.Failed, completion)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogNotRecorded(e, record.CallId, e.Message);
        }
    }

    private static double Seconds(TimeSpan span) => Math.Round(Math.Max(0, span.TotalSeconds), 1);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call ended {Outcome}: {DurationSeconds} s in all, {TalkSeconds} s talking; route {Route}, agent {AgentId}")]
    private partial void LogCallEnded(string outcome, double durationSeconds, double talkSeconds, string route, string agentId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId} could not be written to the call log: {Error}")]
    private partial void LogNotRecorded(Exception e, string callId, string error);
}
