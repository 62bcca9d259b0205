namespace AsteriskConfig.Tests.RealAsterisk;

/// <summary>
/// What a callback needs first, as an admin and agent alice would leave it: the number alice calls out with
/// (<see cref="CarrierCallFixture.OutboundCallerId"/>) routed to the queue <c>support</c> with a 7-day callback
/// window, alice logged in, and her answered outbound call to the lead through the SIPp carrier.
/// </summary>
internal static class CallbackLead
{
    private static readonly TimeSpan RowTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Sets the callback number up and has alice call <paramref name="dialled"/>; returns the lead's E.164 number.</summary>
    public static async Task<string> CalledByAliceAsync(CarrierCallFixture fixture, string sipp, string dialled)
    {
        await fixture.AdminAsync("routes", "queue", CarrierCallFixture.OutboundCallerId, "--queue", "support");
        await fixture.AdminAsync("routes", "callback", CarrierCallFixture.OutboundCallerId, "--window", "7d");
        await fixture.AdminAsync("agents", "login", "alice");

        await using (var outbound = await SippOutboundCall.RunAsync(sipp, fixture.Asterisk, "carrier-answers.xml", "agent-dials-and-hangs-up.xml", dialled))
        {
            if (outbound.PhoneExit != 0 || outbound.CarrierExit != 0)
                Assert.Fail($"expected alice's call to {dialled} to be answered and hung up by her.{Environment.NewLine}{outbound.Describe()}{Environment.NewLine}{fixture.Diagnostics()}");
        }

        var lead = "+358" + dialled[1..];
        var row = await fixture.CallLogRowAsync(r => AriEvent.Text(r, "direction") == "outbound" && AriEvent.Text(r, "lead") == lead, RowTimeout);
        Assert.True(
            row is not null && AriEvent.Text(row.Value, "outcome") == "answered" && AriEvent.Text(row.Value, "agent") == "alice",
            $"expected an answered outbound row of alice's for {lead}; got {row?.ToString() ?? "none"}{Environment.NewLine}{fixture.Diagnostics()}");
        return lead;
    }

    /// <summary>The SIPp binary, or a skip naming why these tests need it.</summary>
    public static string SippOrSkip(CarrierCallFixture fixture)
    {
        if (fixture.SkipReason is { } reason) Assert.Skip(reason);
        var sipp = SippProcess.FindBinary();
        if (sipp is null)
            Assert.Skip("sipp not found (set SIPP_BIN or install Debian's sip-tester): the lead's first call and agent phone 1001 are played with SIPp.");
        return sipp;
    }
}
