using LeadDesk.Ari.Client;
using LeadDesk.Ari.Client.Rest;
using LeadDesk.RouteController.Ari;
using LeadDesk.RouteController.CallLog;
using LeadDesk.RouteController.Treatments;
using LeadDesk.Store.CallLog;

namespace LeadDesk.RouteController.Calls;

/// <summary>What a kind of call tells <see cref="CallLifetime"/> about how it ends, whatever its body did.</summary>
internal sealed record CallEnding
{
    /// <summary>The call's log scope.</summary>
    public required Func<IDisposable?> BeginScope { get; init; }

    /// <summary>
    /// Hop off the event lane before anything else (the default). A carrier call does not: its decision is
    /// microseconds of work, and the hop cost a thread wake-up before every originate (issue 27), so it runs on the
    /// event reader up to its first wait on the network.
    /// </summary>
    public bool YieldFirst { get; init; } = true;

    /// <summary>Says in the flow's own words that the call failed.</summary>
    public required Action<Exception> LogFailed { get; init; }

    /// <summary>
    /// When set, Asterisk not answering a request in time (more load than it takes) is said in this one line, with
    /// no stack trace: an operator's fact, not a bug of ours. The row still fails and the fail-safe tone still plays.
    /// </summary>
    public Action<TimeoutException>? LogTimedOut { get; init; }

    /// <summary>
    /// When set, a request crossing the caller's hang-up is not a failure: the caller left, this says so and the
    /// row ends abandoned. When not, it is a failure like any other.
    /// </summary>
    public Action<string>? LogCallerLeft { get; init; }

    /// <summary>The last resort's tone: whatever broke, the caller hears it or gets a cause, not silence. None: no fail-safe.</summary>
    public Func<CallerTreatment>? FailSafeTone { get; init; }

    /// <summary>Also hang up the call's own channel at the end (an agent's phone, a greeting call).</summary>
    public bool HangUpCaller { get; init; }

    /// <summary>The call's row from the start, if it has one before its body runs.</summary>
    public CallRecord? Record { get; init; }

    /// <summary>A row for a call that stopped or failed before its body began one; none: such a call has no row.</summary>
    public Func<CallRecord>? RecordIfNone { get; init; }
}

/// <summary>What a call's body shares with its lifetime: the call-log row once begun, and its own last steps.</summary>
internal sealed class CallRun(CallRecord? record)
{
    private readonly List<Func<Task>> _lastSteps = [];

    /// <summary>The call's row; finished when the call ends unless the call is left talking in Asterisk.</summary>
    public CallRecord? Record { get; set; } = record;

    /// <summary>
    /// A step of the body's own that runs when the call ends, after a failure's fail-safe and before the teardown
    /// (an agent's claim released, a draft deleted); it must not throw.
    /// </summary>
    public void AtEnd(Func<Task> step) => _lastSteps.Add(step);

    internal async Task RunLastStepsAsync()
    {
        foreach (var step in _lastSteps)
        {
            await step().ConfigureAwait(false);
        }
    }
}

/// <summary>
/// The one lifetime of every call the controller drives (inbound, outbound, greeting): off the event lane (unless
/// the flow says it need not), in its log scope; stopping, the caller leaving and any failure each end the row their way, a failure with the
/// fail-safe tone; and whatever happened, nothing of the call outlives it (teardown), it leaves the registry and its
/// row is written, unless shutdown left it talking in Asterisk for the next start to adopt.
/// </summary>
internal sealed class CallLifetime(AriClient ari, CallRegistry registry, CallTeardown teardown, CallRecorder recorder, CallerTreatmentPlayer treatments)
{
    /// <param name="call">The call, registered.</param>
    /// <param name="endingOf">How the call ends; made once, first (it may begin the call's row).</param>
    /// <param name="body">What the call does: gather facts, ask the decider, act.</param>
    /// <param name="ct">Cancelled when the controller stops.</param>
    public async Task RunAsync(CallSession call, Func<CallEnding> endingOf, Func<CallRun, Task> body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(endingOf);
        ArgumentNullException.ThrowIfNull(body);

        var ending = endingOf();
        if (ending.YieldFirst)
        {
            // Off the event lane at once: everything below may wait on the network.
            await Task.Yield();
        }

        using var scope = ending.BeginScope();
        var run = new CallRun(ending.Record);
        try
        {
            await body(run).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: what happens to calls in progress is the shutdown's business.
            RecordOf(run, ending)?.Ended(CallOutcome.Failed, "controller stopped");
        }
        catch (AriException e) when (ending.LogCallerLeft is { } logCallerLeft && e.IsGone())
        {
            // A request crossed the caller's hang-up: the caller left, nothing failed.
            logCallerLeft(e.AsteriskMessage ?? e.Message);
            RecordOf(run, ending)?.Ended(CallOutcome.Abandoned, "caller hung up");
        }
        catch (Exception e)
        {
            if (e is TimeoutException timedOut && ending.LogTimedOut is { } logTimedOut)
            {
                logTimedOut(timedOut);
            }
            else
            {
                ending.LogFailed(e);
            }

            RecordOf(run, ending)?.Ended(CallOutcome.Failed, e.Message);
            if (ending.FailSafeTone is { } tone)
            {
                await FailSafeAsync(call, tone()).ConfigureAwait(false);
            }
        }
        finally
        {
            await run.RunLastStepsAsync().ConfigureAwait(false);
            if (!call.LeftInAsterisk)
            {
                await teardown.TearDownAsync(call, ending.HangUpCaller).ConfigureAwait(false);
            }

            registry.Remove(call);
            call.Close();
            if (run.Record is { } record && !call.LeftInAsterisk)
            {
                await recorder.FinishAsync(record).ConfigureAwait(false);
            }
        }
    }

    private static CallRecord? RecordOf(CallRun run, CallEnding ending) => run.Record ??= ending.RecordIfNone?.Invoke();

    /// <summary>The last resort: whatever broke, the caller hears a fast busy or gets a cause, not silence.</summary>
    private async Task FailSafeAsync(CallSession call, CallerTreatment tone)
    {
        if (call.CallerGone)
        {
            return;
        }

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await treatments.PlayAsync(call, tone, bound.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (AriFailure.IsRequestFailureOrCancelled(e))
        {
            await ari.Channels.HangupAsync(call.CallerChannelId, HangupReason.Congestion, CancellationToken.None)
                .UnlessGoneAsync().ConfigureAwait(false);
        }
    }
}
