namespace AsteriskConfig.Tests.RealAsterisk;

/// <summary>
/// One carrier call as two Local channel halves: <see cref="NetworkId"/> (;1) stands where the carrier's network is,
/// <see cref="InboundId"/> (;2) runs <c>from-carrier</c> like a PJSIP carrier channel would, and its hangup cause
/// is what chan_pjsip would turn into the SIP response to the carrier.
/// </summary>
internal sealed record CarrierCall(string Dialled, string NetworkId, string InboundId)
{
    public static CarrierCall New(string dialled)
    {
        var id = "carrier-test-" + Guid.NewGuid().ToString("N")[..12];
        return new CarrierCall(dialled, id + "-1", id + "-2");
    }
}
