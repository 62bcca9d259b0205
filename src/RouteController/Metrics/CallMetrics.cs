using System.Diagnostics;
using System.Diagnostics.Metrics;
using LeadDesk.RouteController.Ari;
using LeadDesk.Store.CallLog;

namespace LeadDesk.RouteController.Metrics;

/// <summary>
/// What the call flows count and time, on the meter <c>LeadDesk.RouteController</c>. Every label value comes from a
/// small fixed set (directions, route tokens, outcome tokens, the event types the application reads): never a
/// phone number or a channel id, so the number of series stays bounded however many calls there are.
/// </summary>
internal sealed class CallMetrics
{
    public const string MeterName = "LeadDesk.RouteController";

    /// <summary>The route tokens of the call log; <c>none</c> is a call that ended before it was routed.</summary>
    public static readonly IReadOnlyList<string> Routes =
        ["agent", "callback", "queue", "custom", "unknown", "unassigned", "outbound", "none"];

    public static readonly IReadOnlyList<string> Directions =
        [CallDirection.Inbound.ToToken(), CallDirection.Outbound.ToToken()];

    /// <summary>Why a voicemail mail was not accepted: tried again later, or given up on.</summary>
    public static readonly IReadOnlyList<string> SmtpFailureKinds = ["temporary", "permanent"];

    // From a fraction of a millisecond (a cached decision) to seconds (a database or Asterisk in trouble).
    private static readonly double[] SecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Counter<long> _started;
    private readonly Counter<long> _ended;
    private readonly Histogram<double> _decision;
    private readonly Histogram<double> _originate;
    private readonly Counter<long> _events;
    private readonly Counter<long> _reconnects;
    private readonly Counter<long> _smtpFailures;
    private readonly Counter<long> _greetings;

    private readonly Meter _meter;

    public CallMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _started = _meter.CreateCounter<long>("leaddesk.calls.started", "{call}", "Calls that entered the controller, by direction");
        _ended = _meter.CreateCounter<long>("leaddesk.calls.ended", "{call}", "Calls that ended, by direction, route and outcome");
        _decision = _meter.CreateHistogram("leaddesk.call.decision.duration", "s",
            "From StasisStart arriving to the route being known (the controller's share of post-dial delay)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _originate = _meter.CreateHistogram("leaddesk.call.originate.delay", "s",
            "From StasisStart arriving to the first leg's originate being sent",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _events = _meter.CreateCounter<long>("leaddesk.ari.events", "{event}", "ARI events received, by type");
        _reconnects = _meter.CreateCounter<long>("leaddesk.ari.reconnects", "{connection}", "ARI websocket connections after the first");
        _smtpFailures = _meter.CreateCounter<long>("leaddesk.voicemail.smtp.failures", "{attempt}", "Voicemail mails the server did not accept");
        _greetings = _meter.CreateCounter<long>("leaddesk.greetings.recorded", "{greeting}", "Greetings agents recorded by phone and kept");
    }

    public Meter Meter => _meter;

    public void CallStarted(CallDirection direction) =>
        _started.Add(1, new KeyValuePair<string, object?>("direction", direction.ToToken()));

    public void CallEnded(CallDirection direction, string? route, CallOutcome outcome) =>
        _ended.Add(1,
            new KeyValuePair<string, object?>("direction", direction.ToToken()),
            new KeyValuePair<string, object?>("route", Bounded(route)),
            new KeyValuePair<string, object?>("outcome", outcome.ToToken()));

    public void Decided(long receivedTimestamp)
    {
        if (receivedTimestamp != 0)
        {
            _decision.Record(Stopwatch.GetElapsedTime(receivedTimestamp).TotalSeconds);
        }
    }

    public void Originating(long receivedTimestamp)
    {
        if (receivedTimestamp != 0)
        {
            _originate.Record(Stopwatch.GetElapsedTime(receivedTimestamp).TotalSeconds);
        }
    }

    public void EventReceived(string type) =>
        _events.Add(1, new KeyValuePair<string, object?>("type", ApplicationEvents.Read.Contains(type) ? type : "other"));

    public void Reconnected() => _reconnects.Add(1);

    public void SmtpFailed(bool permanent) =>
        _smtpFailures.Add(1, new KeyValuePair<string, object?>("kind", permanent ? "permanent" : "temporary"));

    public void GreetingRecorded() => _greetings.Add(1);

    /// <summary>Every label combination, so a quiet controller shows 0 rather than no series.</summary>
    public IEnumerable<(Instrument Instrument, KeyValuePair<string, object?>[] Tags)> KnownSeries()
    {
        yield return (_decision, []);
        yield return (_originate, []);
        yield return (_reconnects, []);
        yield return (_greetings, []);
        foreach (var kind in SmtpFailureKinds)
        {
            yield return (_smtpFailures, [new("kind", kind)]);
        }

        foreach (var type in ApplicationEvents.Read.Append("other"))
        {
            yield return (_events, [new("type", type)]);
        }

        foreach (var direction in Directions)
        {
            yield return (_started, [new("direction", direction)]);
            foreach (var route in Routes)
            {
                foreach (var outcome in Enum.GetValues<CallOutcome>())
                {
                    yield return (_ended, [new("direction", direction), new("route", route), new("outcome", outcome.ToToken())]);
                }
            }
        }
    }

    private static string Bounded(string? route) => route is not null && Routes.Contains(route) ? route : "none";
}
