using LeadDesk.Ari.Client.Models;

namespace LeadDesk.Ari.Client.Events;

/// <summary>
/// A device the application subscribed to (<c>deviceState:PJSIP/1001</c>) changed state: <c>NOT_INUSE</c>,
/// <c>RINGING</c>, <c>INUSE</c>, ... Asterisk 22 sends it straight from the device-state subscription
/// (<c>stasis_app_send</c>), not through the application's Stasis message queue, and only the aggregate state:
/// a few events per call on the device, where an endpoint subscription forwards every message of every channel on it.
/// </summary>
public sealed record DeviceStateChanged : AriEvent
{
    public DeviceState DeviceState { get; init; } = new();
}
