namespace LeadDesk.Ari.Client.Rest;

/// <summary>
/// /deviceStates: device states an ARI application controls. Asterisk accepts only names with the <c>Stasis:</c>
/// prefix (any other answers 409 "Uncontrolled device specified") and keeps the last value until it is changed or
/// deleted, also across a reconnect of the application.
/// </summary>
public sealed class DeviceStatesResource
{
    /// <summary>The prefix of every device state an application may set.</summary>
    public const string ControlledPrefix = "Stasis:";

    private readonly AriRestTransport _t;

    internal DeviceStatesResource(AriRestTransport transport) => _t = transport;

    /// <summary>Sets <paramref name="deviceName"/> (<c>Stasis:...</c>) to <paramref name="state"/> (NOT_INUSE, INUSE, BUSY, UNAVAILABLE, ...).</summary>
    public Task UpdateAsync(string deviceName, string state, CancellationToken ct = default) =>
        _t.SendAsync(HttpMethod.Put, "deviceStates/" + AriRestTransport.Segment(deviceName), new AriQuery().Add("deviceState", state), null, ct);
}
