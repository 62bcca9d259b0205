using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace AsteriskConfig.Tests.RealAsterisk;

/// <summary>
/// docs/behaviour.md's behaviour table on a real Asterisk: carrier calls into asterisk-config/'s <c>from-carrier</c>, routed by
/// the real controller from a store the admin CLI set up. Skipped (never failed) without an asterisk binary.
/// Only the rows a bare asterisk-config/ can serve are here: no phone registers, so agent rows stay with the simulator.
/// </summary>
public abstract class CarrierCallCases(CarrierCallFixture fixture) : IAsyncDisposable
{
    // Q.850 causes as Asterisk reports them in ChannelDestroyed; chan_pjsip turns them into the carrier's SIP response.
    private const int Unallocated = 1;
    private const int UserBusy = 17;

    /// <summary>Every wait for Asterisk is bounded by this; the longest row (not-in-service) needs about 5 s.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);

    /// <summary>How long the carrier side would let the call ring; longer than any wait, so it never ends a call itself.</summary>
    private static readonly TimeSpan RingFor = TimeSpan.FromSeconds(40);

    /// <summary>The call this test placed; xUnit makes one instance per test, so each test has its own.</summary>
    private CarrierCall? _call;

    private AriTestApp Ari => fixture.Ari;

    [Fact(Timeout = 60_000)]
    public async Task Unknown_number_is_rejected_as_unallocated_without_announcement()
    {
        SkipWithoutAsterisk();
        var call = await PlaceAsync(CarrierCallFixture.UnknownNumber);
        var ended = await EndedAsync(call);
        Expect(AriEvent.Cause(ended) == Unallocated, call, "cause 1 (unallocated: SIP 404 to the carrier)");
        Expect(!Played(call), call, "a rejection without any announcement");
        Expect(!Answered(call), call, "the call never to be answered");
        await ExpectOutcomeAsync(call, "unknown");
    }

    [Fact(Timeout = 60_000)]
    public async Task Not_assigned_number_hears_not_in_service_as_early_media_then_cause_1()
    {
        SkipWithoutAsterisk();
        var call = await PlaceAsync(CarrierCallFixture.NotAssignedNumber);
        var ended = await EndedAsync(call);
        Expect(AriEvent.Cause(ended) == Unallocated, call, "cause 1 after the announcement (the carrier's network then stops trying)");
        Expect(!Answered(call), call, "early media only: never answered, so never charged");
        if (fixture.EarlyMedia)
        {
            Expect(
                Ari.EventsFor(call.InboundId).Any(e => AriEvent.Type(e) == "PlaybackStarted" && AriEvent.PlaybackMedia(e) == "sound:ss-noservice"),
                call,
                "the special-information tone / not-in-service announcement (sound:ss-noservice) played on the inbound channel");
            // Progress on the ;2 half reaches the ;1 half as a control frame; Asterisk's dialer reports it as Dial PROGRESS.
            Expect(
                Ari.EventsFor(call.NetworkId).Any(e => AriEvent.Type(e) == "Dial" && AriEvent.Text(e, "dialstatus") == "PROGRESS"),
                call,
                "progress (SIP 183) towards the carrier before the announcement");
        }
        else
        {
            // docs/behaviour.md: an Asterisk without POST /progress (before 22.6) rejects, and the carrier plays its own announcement.
            Expect(!Played(call), call, $"a plain rejection on Asterisk {fixture.AsteriskVersion} (no early media before 22.6)");
        }

        await ExpectOutcomeAsync(call, "unassigned");
    }

    [Fact(Timeout = 60_000)]
    public async Task Queue_number_continues_into_leaddesk_queues_and_a_queue_nobody_serves_is_busy_unanswered()
    {
        SkipWithoutAsterisk();
        var call = await PlaceAsync(CarrierCallFixture.QueueNumber);
        // ChannelDialplan is sent when the channel's dialplan location changes, so the continue shows as the
        // channel running leaddesk-queues,support (as in ari-transcripts/g_continue_to_dialplan_queue).
        var queued = await Ari.WaitForAsync(
            call.InboundId,
            e => AriEvent.Type(e) == "ChannelDialplan" && AriEvent.Dialplan(e, "context") == "leaddesk-queues",
            CallTimeout);
        Expect(queued is not null, call, "the controller to continue the call into leaddesk-queues");
        Expect(AriEvent.Dialplan(queued!.Value, "exten") == "support", call, "the call continued to leaddesk-queues,support");

        // No agent phone is registered here: QUEUE_MEMBER(support,logged) is 0, so [leaddesk-queues] ends the call as
        // busy without answering it (never charged for a queue nobody serves) and without entering Queue().
        var ended = await EndedAsync(call);
        Expect(AriEvent.Cause(ended) == UserBusy, call, "cause 17 (busy) for a queue with no member logged in");
        Expect(!Answered(call), call, "the call never to be answered (no member could take it)");
        Expect(!Ari.EventsFor(call.InboundId).Any(e => AriEvent.Text(e, "dialplan_app") == "Queue"), call, "Queue() not entered with no member");
        await ExpectOutcomeAsync(call, "queued");
    }

    /// <summary>Hangs up what a failed test left ringing (a 404 when the call ended as it should).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_call is { } call) await Ari.HangupQuietlyAsync(call.NetworkId);
        GC.SuppressFinalize(this);
    }

    private async Task<CarrierCall> PlaceAsync(string dialled)
    {
        _call = await Ari.PlaceCarrierCallAsync(dialled, CarrierCallFixture.CallerNumber, RingFor);
        return _call;
    }

    private void SkipWithoutAsterisk()
    {
        if (fixture.SkipReason is { } reason) Assert.Skip(reason);
    }

    /// <summary>The inbound (;2) channel's ChannelDestroyed: its cause is what the carrier would be told.</summary>
    private async Task<JsonElement> EndedAsync(CarrierCall call)
    {
        var ended = await Ari.WaitForAsync(call.InboundId, e => AriEvent.Type(e) == "ChannelDestroyed", CallTimeout);
        Expect(ended is not null, call, $"the inbound channel to end within {CallTimeout.TotalSeconds} s");
        return ended.Value;
    }

    private bool Played(CarrierCall call) => Ari.EventsFor(call.InboundId).Any(e => AriEvent.Type(e) == "PlaybackStarted");

    private bool Answered(CarrierCall call) => Ari.EventsFor(call.InboundId).Any(e => AriEvent.ChannelState(e) == "Up");

    /// <summary>Every call that reaches Stasis leaves one call-log row; the CLI shows its outcome token.</summary>
    private async Task ExpectOutcomeAsync(CarrierCall call, string outcome)
    {
        var row = await fixture.CallLogRowAsync(call.InboundId, TimeSpan.FromSeconds(10));
        Expect(row is not null, call, $"a completed call-log row for {call.InboundId}");
        Expect(AriEvent.Text(row.Value, "outcome") == outcome, call, $"call-log outcome '{outcome}', not '{AriEvent.Text(row.Value, "outcome")}' (row: {row.Value})");
    }

    private void Expect([DoesNotReturnIf(false)] bool ok, CarrierCall call, string what)
    {
        if (!ok)
            Assert.Fail($"{call.Dialled}: expected {what}.{Environment.NewLine}{Ari.Describe(call)}{fixture.Diagnostics()}");
    }
}
