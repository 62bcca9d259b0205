using System.Diagnostics.Metrics;
using LeadDesk.RouteController.Ari;
using LeadDesk.RouteController.Calls;

namespace LeadDesk.RouteController.Metrics;

/// <summary>
/// The controller's state read when scraped: calls in progress, whether ARI is connected, the voicemail backlog.
/// Observable, so nothing is counted on the call path for them.
/// </summary>
internal sealed class ControllerGauges
{
    private readonly Meter _meter;

    public ControllerGauges(IMeterFactory meters, CallRegistry calls, AriConnectionState asterisk, VoicemailBacklog backlog)
    {
        // The factory hands back the call metrics' own meter: one meter, one scope, for the controller.
        _meter = meters.Create(CallMetrics.MeterName);
        _meter.CreateObservableGauge("leaddesk.calls.active", () => calls.ActiveCalls, "{call}", "Calls in progress");
        _meter.CreateObservableGauge("leaddesk.ari.connected", () => asterisk.IsConnected ? 1 : 0, description: "1 while the ARI events websocket is up");
        _meter.CreateObservableGauge("leaddesk.voicemail.outbox.pending", () => backlog.Pending, "{message}", "Voicemail messages not yet accepted by the mail server");
        _meter.CreateObservableGauge("leaddesk.voicemail.outbox.oldest.age", () => backlog.OldestAge.TotalSeconds, "s",
            "Age of the oldest voicemail message not yet sent; 0 when none waits");
    }

    public Meter Meter => _meter;

}
