using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AsteriskConfig.Tests.RealAsterisk;

/// <summary>
/// Issue 15 on a real Asterisk: agent phone 1001 (SIPp) dials a lead through asterisk-config/'s <c>from-agents</c>,
/// the real controller dials the lead through the <c>carrier</c> trunk, and a SIPp carrier sees what the lead's
/// network would: the caller ID chosen for the agent in From and P-Asserted-Identity, never the extension, neither
/// in the INVITE nor in any later request. Skipped (never failed) without an asterisk or a sipp binary.
/// </summary>
public abstract partial class OutboundCallCases(CarrierCallFixture fixture)
{
    private static readonly TimeSpan RowTimeout = TimeSpan.FromSeconds(10);

    [Fact(Timeout = 90_000)]
    public async Task Lead_sees_the_agents_caller_id_in_from_and_pai_and_never_the_extension()
    {
        await using var call = await PlaceAsync("carrier-answers.xml", "agent-dials-and-hangs-up.xml", "0405550101");
        Expect(call.PhoneExit == 0 && call.CarrierExit == 0, call, "both SIPp scenarios to complete: answered, talked, the agent hung up, the carrier got the BYE");

        ExpectPresentsCallerId(call);
        var requests = call.AtCarrier.Where(m => m.Method is not null).ToList();
        Expect(requests.Any(m => m.Method == "BYE"), call, "Asterisk to end the lead's leg with a BYE when the agent hung up");
        foreach (var request in requests)
        {
            foreach (var line in request.IdentityLines())
                Expect(!PresentsAgent(line), call, $"no request to the carrier to present the agent (extension {CarrierCallFixture.AgentExtension} or its name); {request.StartLine} has '{line}'");
        }

        await ExpectRowAsync(call, "answered");
    }

    [Fact(Timeout = 90_000)]
    public async Task Busy_lead_is_busy_for_the_agent_and_the_call_log_says_busy()
    {
        await using var call = await PlaceAsync("carrier-busy.xml", "agent-dials-busy.xml", "0405550102");
        Expect(call.PhoneExit == 0 && call.CarrierExit == 0, call, "the carrier's 486 to reach the agent's phone as 486 Busy Here");
        ExpectPresentsCallerId(call);
        await ExpectRowAsync(call, "busy");
        await ExpectNoFailedPlaybackAsync(call);
    }

    /// <summary>
    /// Issue 30: the agent heard tone:busy as early media, then the hang-up. Hanging up under a playing tone makes
    /// res_stasis_playback log "WARNING ... Playback failed for tone:busy"; the controller stops the tone first.
    /// Asterisk's logger writes from its own thread: the log is read until a grace has passed with no such line.
    /// </summary>
    private async Task ExpectNoFailedPlaybackAsync(SippOutboundCall call)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(1);
        while (true)
        {
            var failed = fixture.Asterisk.MessagesLogLines("Playback failed for");
            Expect(failed.Count == 0, call, $"no 'Playback failed' in Asterisk's messages.log after the busy tone:{Environment.NewLine}{string.Join(Environment.NewLine, failed)}");
            if (DateTime.UtcNow > deadline) break;
            await Task.Delay(50);
        }

        Expect(fixture.Asterisk.MessagesLogLines("tone:busy").Count == 0, call, "no line about tone:busy at all in messages.log");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_trunk_that_never_answers_options_still_gets_the_agents_call_and_the_emergency_call()
    {
        // Issue 30: as shipped, the carrier is not qualified. The SIPp carrier answers no OPTIONS (one would be an
        // unexpected message and fail its run); Asterisk must send the INVITE of an agent's call (through the
        // controller) and of an emergency number (from the dialplan alone) all the same.
        await using var lead = await PlaceAsync("carrier-answers.xml", "agent-dials-and-hangs-up.xml", "0405550103");
        Expect(lead.PhoneExit == 0 && lead.CarrierExit == 0, lead, "the agent's call to reach the carrier, be answered and end");
        ExpectPresentsCallerId(lead);

        await using var emergency = await PlaceAsync("carrier-answers.xml", "agent-dials-and-hangs-up.xml", "112");
        Expect(emergency.PhoneExit == 0 && emergency.CarrierExit == 0, emergency, "the emergency call to reach the carrier, be answered and end");
        var invite = emergency.AtCarrier.FirstOrDefault(m => m.Method == "INVITE");
        Expect(invite is not null && invite.StartLine.StartsWith("INVITE sip:112@", StringComparison.Ordinal), emergency, $"an INVITE for 112 at the carrier, not '{invite?.StartLine}'");

        foreach (var call in new[] { lead, emergency })
            Expect(call.AtCarrier.All(m => m.Method != "OPTIONS"), call, "no OPTIONS to the carrier: the shipped trunk is not qualified");
        var aor = await fixture.Asterisk.CliAsync("pjsip show aor carrier");
        Expect(!aor.Contains("Unavail", StringComparison.Ordinal), emergency, $"Asterisk never to mark the carrier unavailable:{Environment.NewLine}{aor}");
    }

    private async Task<SippOutboundCall> PlaceAsync(string carrierScenario, string phoneScenario, string dialled)
    {
        if (fixture.SkipReason is { } reason) Assert.Skip(reason);
        var sipp = SippProcess.FindBinary();
        if (sipp is null)
        {
            Assert.Skip("sipp not found (set SIPP_BIN or install Debian's sip-tester): these tests play the agent's phone and the carrier with SIPp.");
            return null!;
        }

        return await SippOutboundCall.RunAsync(sipp, fixture.Asterisk, carrierScenario, phoneScenario, dialled);
    }

    /// <summary>The carrier's INVITE presents <see cref="CarrierCallFixture.OutboundCallerId"/> as From and P-Asserted-Identity user, with no name.</summary>
    private void ExpectPresentsCallerId(SippOutboundCall call)
    {
        var invite = call.AtCarrier.FirstOrDefault(m => m.Method == "INVITE");
        Expect(invite is not null, call, "an INVITE at the carrier");
        var expected = $"<sip:{CarrierCallFixture.OutboundCallerId}@";
        var from = invite.Header("From", "f").SingleOrDefault() ?? "";
        Expect(from.Contains(expected, StringComparison.Ordinal), call, $"the INVITE's From to carry {CarrierCallFixture.OutboundCallerId}, not '{from}'");
        var pai = invite.Header("P-Asserted-Identity").SingleOrDefault() ?? "";
        Expect(pai.Contains(expected, StringComparison.Ordinal), call, $"the INVITE's P-Asserted-Identity to carry {CarrierCallFixture.OutboundCallerId}, not '{pai}'");
        Expect(!PresentsAgent("From: " + from) && !PresentsAgent("P-Asserted-Identity: " + pai), call, "the INVITE to present neither the extension nor the agent's name");
    }

    private async Task ExpectRowAsync(SippOutboundCall call, string outcome)
    {
        var lead = "+358" + call.Dialled[1..];
        var row = await fixture.CallLogRowAsync(r => AriEvent.Text(r, "direction") == "outbound" && AriEvent.Text(r, "lead") == lead, RowTimeout);
        Expect(row is not null, call, $"a completed outbound call-log row for {lead}");
        Expect(AriEvent.Text(row.Value, "outcome") == outcome, call, $"outcome '{outcome}' (row: {row.Value})");
        Expect(AriEvent.Text(row.Value, "agent") == "alice", call, $"the row to name agent alice (row: {row.Value})");
        Expect(AriEvent.Text(row.Value, "callerIdUsed") == CarrierCallFixture.OutboundCallerId, call, $"the row's caller ID used to be {CarrierCallFixture.OutboundCallerId} (row: {row.Value})");
    }

    /// <summary>An identity header naming the agent: the extension as a URI user or display name, or the endpoint's "Agent 1001".</summary>
    private static bool PresentsAgent(string headerLine)
    {
        // The tag is Asterisk's random token; it may contain any digits.
        var identity = TagParameter().Replace(headerLine, "");
        return identity.Contains(CarrierCallFixture.AgentExtension, StringComparison.Ordinal) || identity.Contains("Agent", StringComparison.OrdinalIgnoreCase)
            || identity.Contains("Alice", StringComparison.OrdinalIgnoreCase);
    }

    private void Expect([DoesNotReturnIf(false)] bool ok, SippOutboundCall call, string what)
    {
        if (!ok)
            Assert.Fail($"{call.Dialled}: expected {what}.{Environment.NewLine}{call.Describe()}{Environment.NewLine}{fixture.Diagnostics()}");
    }

    [GeneratedRegex(@";tag=[^;>,\s]*")]
    private static partial Regex TagParameter();
}
