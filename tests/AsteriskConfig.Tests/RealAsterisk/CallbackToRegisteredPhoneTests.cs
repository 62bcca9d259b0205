using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AsteriskConfig.Tests.RealAsterisk;

/// <summary>
/// Issue 16's callback window on a real Asterisk with agent alice's phone registered: SIPp registers as 1001 (digest
/// auth) and, when the lead calls back the number alice called out with, must receive the INVITE, presenting the
/// lead, before anything else happens to the call. The phone answers busy, so the call goes on to the number's own
/// route (queue support, which then rings its member 1001 itself) as the issue says. Its own class (its own Asterisk), so the registration never reaches other tests.
/// Skipped (never failed) without asterisk or sipp.
/// </summary>
public class CallbackToRegisteredPhoneTests(CarrierCallFixture fixture) : IClassFixture<CarrierCallFixture>, IAsyncDisposable
{
    private const string PhoneAddress = "127.0.0.1";

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RingFor = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan RegisterTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PhoneRunTimeout = TimeSpan.FromSeconds(40);

    private CarrierCall? _callback;
    private SippProcess? _phone;
    private string? _directory;

    private AriTestApp Ari => fixture.Ari;

    [Fact(Timeout = 90_000)]
    public async Task Lead_calling_back_rings_the_registered_phone_of_the_agent_who_called_first_and_her_busy_goes_on_to_the_queue()
    {
        var sipp = CallbackLead.SippOrSkip(fixture);
        var lead = await CallbackLead.CalledByAliceAsync(fixture, sipp, "0405550104");

        // Alice answers queue support: said once with the CLI, no file edited, no reload.
        await fixture.AdminAsync("queues", "add-member", "support", "alice");
        var phonePort = AsteriskFixture.FreeUdpPort();
        _directory = Directory.CreateTempSubdirectory("leaddesk-sipp-").FullName;
        _phone = SippProcess.Start(
            sipp,
            "phone-registers.xml",
            PhoneAddress,
            phonePort,
            $"127.0.0.1:{fixture.Asterisk.SipPort.ToString(CultureInfo.InvariantCulture)}",
            _directory,
            PhoneRunTimeout,
            "-au", CarrierCallFixture.AgentExtension, "-ap", fixture.Asterisk.Phone1001Password,
            "-oocsf", Path.Combine(AppContext.BaseDirectory, "RealAsterisk", "Sipp", "phone-rings-busy.xml"));
        Expect(await RegisteredAsync(_phone), null, $"phone 1001 to register within {RegisterTimeout.TotalSeconds} s");

        _callback = await Ari.PlaceCarrierCallAsync(CarrierCallFixture.OutboundCallerId, lead, RingFor);
        var call = _callback;
        var queued = await Ari.WaitForAsync(
            call.InboundId, e => AriEvent.Type(e) == "ChannelDialplan" && AriEvent.Dialplan(e, "context") == "leaddesk-queues", CallTimeout);
        Expect(queued is not null, call, "the call to continue into leaddesk-queues once alice's phone said busy");

        var first = InvitesAtPhone().FirstOrDefault();
        Expect(first is not null, call, "the registered phone 1001 to receive an INVITE before the queue took the call: alice rings first");
        Expect(first.StartLine.StartsWith($"INVITE sip:1001@{PhoneAddress}:{phonePort.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal),
            call, $"the INVITE to go to the registered contact, not '{first.StartLine}'");
        var from = first.Header("From", "f").SingleOrDefault() ?? "";
        Expect(from.Contains(lead, StringComparison.Ordinal), call, $"alice's phone to show the lead {lead} as the caller, not '{from}'");
        // [leaddesk-queues] answers a call for a queue with a member; before it the lead's call must still be ringing.
        Expect(
            !Ari.EventsFor(call.InboundId).TakeWhile(e => AriEvent.Dialplan(e, "context") != "leaddesk-queues").Any(e => AriEvent.ChannelState(e) == "Up"),
            call,
            "the callback step never to answer the lead's call");

        // Alice is a member of support in the store, which app_queue reads from the controller (realtime): now that her
        // phone is registered, the own route rings her again, as a queue call (a new INVITE), while the lead keeps
        // hearing ringback.
        Expect(await InvitesAtPhoneAsync(2), call, "the queue support to ring its member 1001 after the callback step (a second INVITE)");

        await Ari.HangupQuietlyAsync(call.NetworkId);
        var ended = await Ari.WaitForAsync(call.InboundId, e => AriEvent.Type(e) == "ChannelDestroyed", CallTimeout);
        Expect(ended is not null, call, "the lead's call to end when the lead hung up");
        var row = await fixture.CallLogRowAsync(call.InboundId, TimeSpan.FromSeconds(10));
        Expect(row is not null, call, $"a completed call-log row for {call.InboundId}");
        var detail = AriEvent.Text(row.Value, "detail") ?? "";
        Expect(AriEvent.Text(row.Value, "outcome") == "queued", call, $"outcome 'queued' (row: {row.Value})");
        Expect(detail.Contains("callback to alice busy; own route queue support", StringComparison.Ordinal), call, $"the row to say alice was busy and the call went to queue support (row: {row.Value})");
    }

    private List<SipMessage> InvitesAtPhone() =>
        _phone is null ? [] : SipMessage.ReadTrace(_phone.TraceFile).Where(m => m.Received && m.Method == "INVITE").ToList();

    private async Task<bool> InvitesAtPhoneAsync(int count)
    {
        var deadline = DateTime.UtcNow + CallTimeout;
        while (InvitesAtPhone().Count < count)
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>Kills the phone, hangs up what a failed test left ringing (a 404 when the call ended as it should).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_callback is { } call) await Ari.HangupQuietlyAsync(call.NetworkId);
        if (_phone is { } phone) await phone.DisposeAsync();
        if (_directory is not null && Environment.GetEnvironmentVariable("LEADDESK_KEEP_ASTERISK_DIR") is null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Whether Asterisk's registrar answered the phone's authenticated REGISTER with 200 OK in time.</summary>
    private static async Task<bool> RegisteredAsync(SippProcess phone)
    {
        var deadline = DateTime.UtcNow + RegisterTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (SipMessage.ReadTrace(phone.TraceFile).Any(m => m.Received && m.StartLine.StartsWith("SIP/2.0 200", StringComparison.Ordinal)
                    && m.Header("CSeq").Any(c => c.EndsWith("REGISTER", StringComparison.Ordinal))))
                return true;
            await Task.Delay(50);
        }

        return false;
    }

    private void Expect([DoesNotReturnIf(false)] bool ok, CarrierCall? call, string what)
    {
        if (!ok)
            Assert.Fail($"expected {what}.{Environment.NewLine}{(call is null ? "" : Ari.Describe(call))}{_phone?.Describe()}{Environment.NewLine}{fixture.Diagnostics()}");
    }
}
