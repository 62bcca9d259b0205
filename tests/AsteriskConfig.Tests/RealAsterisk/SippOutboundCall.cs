using System.Globalization;

namespace AsteriskConfig.Tests.RealAsterisk;

/// <summary>
/// One outbound call on the wire: a SIPp UAS as the carrier on <see cref="AsteriskFixture.CarrierAddress"/> (where
/// pjsip.conf's carrier aor points in the fixture's copy), and a SIPp UAC as agent phone 1001 on 127.0.0.1 sending an
/// INVITE, with digest auth, for <see cref="Dialled"/> into <c>from-agents</c>. Disposing kills whichever SIPp still runs.
/// </summary>
internal sealed class SippOutboundCall : IAsyncDisposable
{
    private const string PhoneAddress = "127.0.0.1";

    /// <summary>Bound on each SIPp run; SIPp also gives up by itself after it (<c>-timeout</c>).</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    private readonly string _directory;

    private SippOutboundCall(string dialled, string directory, SippProcess carrier, SippProcess phone)
    {
        Dialled = dialled;
        _directory = directory;
        Carrier = carrier;
        Phone = phone;
    }

    public string Dialled { get; }

    public SippProcess Carrier { get; }

    public SippProcess Phone { get; }

    /// <summary>SIPp's exit codes once both ended (0: the call went as its scenario says; null: killed after the bound).</summary>
    public int? PhoneExit { get; private set; }

    public int? CarrierExit { get; private set; }

    /// <summary>What Asterisk sent the carrier, in order (requests and responses).</summary>
    public IReadOnlyList<SipMessage> AtCarrier => SipMessage.ReadTrace(Carrier.TraceFile).Where(m => m.Received).ToList();

    /// <summary>What Asterisk sent the agent's phone, in order.</summary>
    public IReadOnlyList<SipMessage> AtPhone => SipMessage.ReadTrace(Phone.TraceFile).Where(m => m.Received).ToList();

    /// <summary>Places the call and waits (bounded) until both SIPp runs have ended.</summary>
    public static async Task<SippOutboundCall> RunAsync(
        string sipp, AsteriskFixture asterisk, string carrierScenario, string phoneScenario, string dialled)
    {
        var directory = Directory.CreateTempSubdirectory("leaddesk-sipp-").FullName;
        var carrier = SippProcess.Start(sipp, carrierScenario, AsteriskFixture.CarrierAddress, asterisk.CarrierSipPort, null, directory, RunTimeout);
        if (!await carrier.WaitUntilListeningAsync(AsteriskFixture.CarrierAddress, asterisk.CarrierSipPort, TimeSpan.FromSeconds(10)))
        {
            await carrier.DisposeAsync();
            throw new InvalidOperationException($"the SIPp carrier never bound {AsteriskFixture.CarrierAddress}:{asterisk.CarrierSipPort}{Environment.NewLine}{carrier.Describe()}");
        }

        var phone = SippProcess.Start(
            sipp,
            phoneScenario,
            PhoneAddress,
            AsteriskFixture.FreeUdpPort(),
            $"127.0.0.1:{asterisk.SipPort.ToString(CultureInfo.InvariantCulture)}",
            directory,
            RunTimeout,
            "-s", dialled, "-au", CarrierCallFixture.AgentExtension, "-ap", asterisk.Phone1001Password);
        var call = new SippOutboundCall(dialled, directory, carrier, phone);
        call.PhoneExit = await phone.WaitForExitAsync(RunTimeout + TimeSpan.FromSeconds(5));
        call.CarrierExit = await carrier.WaitForExitAsync(TimeSpan.FromSeconds(10));
        return call;
    }

    /// <summary>Both runs' console and traces, for failure messages.</summary>
    public string Describe() =>
        $"phone exit {PhoneExit?.ToString(CultureInfo.InvariantCulture) ?? "none (killed)"}, carrier exit {CarrierExit?.ToString(CultureInfo.InvariantCulture) ?? "none (killed)"}"
        + Environment.NewLine + Phone.Describe() + Environment.NewLine + Carrier.Describe();

    public async ValueTask DisposeAsync()
    {
        await Phone.DisposeAsync();
        await Carrier.DisposeAsync();
        if (Environment.GetEnvironmentVariable("LEADDESK_KEEP_ASTERISK_DIR") is null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
