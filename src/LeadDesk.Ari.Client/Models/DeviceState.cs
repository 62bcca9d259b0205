namespace LeadDesk.Ari.Client.Models;

/// <summary>A device's aggregate state as ARI shows it (<c>GET /deviceStates</c>, <c>DeviceStateChanged</c>).</summary>
public sealed record DeviceState
{
    /// <summary>The device, e.g. <c>PJSIP/1001</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>UNKNOWN, NOT_INUSE, INUSE, BUSY, INVALID, UNAVAILABLE, RINGING, RINGINUSE, ONHOLD.</summary>
    public string State { get; init; } = "";

    /// <summary>
    /// Whether the device has a call on it: ringing, talking or on hold. NOT_INUSE, UNAVAILABLE (no contact),
    /// INVALID (no such device) and UNKNOWN are not.
    /// </summary>
    public bool InUse => State is "INUSE" or "BUSY" or "RINGING" or "RINGINUSE" or "ONHOLD";
}
