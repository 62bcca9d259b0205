using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace AsteriskConfig.Tests.RealAsterisk;

/// <summary>
/// Issue 16's callback window on a real Asterisk: agent alice calls a lead out through the SIPp carrier as
/// <see cref="CarrierCallFixture.OutboundCallerId"/>, the lead answers, and later the lead calls that number back
/// through <c>from-carrier</c>. The controller must find alice's answered call in the real store and ring her phone
/// first, before the number's own route (the queue <c>support</c>). Skipped (never failed) without asterisk or sipp.
/// </summary>
public class CallbackCallTests(CarrierCallFixture fixture) : IClassFixture<CarrierCallFixture>, IAsyncDisposable
{
    // Q.850 cause of a queue nobody serves ([leaddesk-queues] ends it as busy, unanswered).
    private const int UserBusy = 17;

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RingFor = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan RowTimeout = TimeSpan.FromSeconds(10);

    private CarrierCall? _callback;

    private AriTestApp Ari => fixture.Ari;

    [Fact(Timeout = 90_000)]
    public async Task Lead_calling_back_is_offered_to_the_agent_who_called_first_and_with_her_phone_unregistered_goes_to_the_numbers_queue()
    {
        var sipp = CallbackLead.SippOrSkip(fixture);
        var lead = await CallbackLead.CalledByAliceAsync(fixture, sipp, "0405550103");

        // (2) the lead calls the number back. No phone is registered as 1001, so ringing alice cannot succeed.
        _callback = await Ari.PlaceCarrierCallAsync(CarrierCallFixture.OutboundCallerId, lead, RingFor);
        var call = _callback;
        var ended = await Ari.WaitForAsync(call.InboundId, e => AriEvent.Type(e) == "ChannelDestroyed", CallTimeout);
        Expect(ended is not null, call, $"the callback to end within {CallTimeout.TotalSeconds} s");
        Expect(AriEvent.Cause(ended.Value) == UserBusy, call, "cause 17 from the number's own route (queue support, nobody logged into it)");
        Expect(Ari.EventsFor(call.InboundId).Any(e => AriEvent.Type(e) == "ChannelDialplan" && AriEvent.Dialplan(e, "context") == "leaddesk-queues"),
            call, "the call to continue into leaddesk-queues after the callback step");
        Expect(!Ari.EventsFor(call.InboundId).Any(e => AriEvent.ChannelState(e) == "Up"), call, "the callback step never to answer the lead's call");
        Expect(fixture.ControllerLog.Contains("Callback: agent alice rings first", StringComparison.Ordinal), call, "the controller to pick alice, whose answered call carried this number");
        // Asterisk's own word that PJSIP/1001 was dialled (chan_pjsip finds no contact, so the originate fails "Allocation failed").
        Expect(fixture.Asterisk.Output.Contains("Endpoint '1001': Could not create dialog", StringComparison.Ordinal), call, "Asterisk to have been asked for a session to endpoint 1001");

        var row = await fixture.CallLogRowAsync(call.InboundId, RowTimeout);
        Expect(row is not null, call, $"a completed call-log row for {call.InboundId}");
        var detail = AriEvent.Text(row.Value, "detail") ?? "";
        Expect(AriEvent.Text(row.Value, "outcome") == "queued", call, $"outcome 'queued' (row: {row.Value})");
        Expect(detail.Contains("callback to alice unreachable", StringComparison.Ordinal), call, $"the row to say the callback to alice was tried and she was unreachable (row: {row.Value})");
        Expect(detail.Contains("own route queue support", StringComparison.Ordinal), call, $"the row to say it fell through to the own route, queue support (row: {row.Value})");
    }

    /// <summary>Hangs up what a failed test left ringing (a 404 when the call ended as it should).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_callback is { } call) await Ari.HangupQuietlyAsync(call.NetworkId);
        GC.SuppressFinalize(this);
    }

    private void Expect([DoesNotReturnIf(false)] bool ok, CarrierCall call, string what)
    {
        if (!ok)
            Assert.Fail($"{call.Dialled} from the lead: expected {what}.{Environment.NewLine}{Ari.Describe(call)}{fixture.Diagnostics()}");
    }
}
