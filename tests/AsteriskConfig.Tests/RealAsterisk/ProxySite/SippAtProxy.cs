using System.Globalization;
using System.Net;

namespace AsteriskConfig.Tests.RealAsterisk.ProxySite;

/// <summary>The scenarios of RealAsterisk/ProxySite/Sipp/, by absolute path (SippProcess takes them as they are).</summary>
internal static class ProxySiteScenarios
{
    public static string Path(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "RealAsterisk", "ProxySite", "Sipp", file);
}

/// <summary>
/// An agent's phone on 127.0.0.1: registered with Kamailio as its extension for the whole site (digest auth), it rings
/// for every call Kamailio forwards and answers those from callers the tests mark "answer" (phone-at-proxy.xml).
/// </summary>
internal sealed class SippPhone : IAsyncDisposable
{
    private readonly SippProcess _sipp;
    private readonly string _directory;

    private SippPhone(SippProcess sipp, string directory, string extension, int port)
    {
        _sipp = sipp;
        _directory = directory;
        Extension = extension;
        Port = port;
    }

    public string Extension { get; }

    public int Port { get; }

    public static SippPhone Start(string sipp, string extension, string password, int kamailioPort)
    {
        var directory = Directory.CreateTempSubdirectory($"leaddesk-phone-{extension}-").FullName;
        var port = AsteriskFixture.FreeUdpPort();
        var process = SippProcess.Start(
            sipp,
            ProxySiteScenarios.Path("phone-registers-at-proxy.xml"),
            "127.0.0.1",
            port,
            $"127.0.0.1:{kamailioPort.ToString(CultureInfo.InvariantCulture)}",
            directory,
            TimeSpan.FromMinutes(15),
            "-au", extension, "-ap", password, "-key", "ext", extension,
            "-oocsf", ProxySiteScenarios.Path("phone-at-proxy.xml"));
        return new SippPhone(process, directory, extension, port);
    }

    /// <summary>Waits for Kamailio's 200 OK to the authenticated REGISTER.</summary>
    public async Task WaitRegisteredAsync(TimeSpan within)
    {
        try
        {
            await Poll.UntilAsync(
                () => Messages().Any(m => m.Message.Received && m.Message.StartLine.StartsWith("SIP/2.0 200", StringComparison.Ordinal)
                    && m.Message.Header("CSeq").Any(c => c.EndsWith("REGISTER", StringComparison.Ordinal))),
                within);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"phone {Extension} did not register with Kamailio within {within}{Environment.NewLine}{Describe()}");
        }
    }

    public IReadOnlyList<TimedSipMessage> Messages() => TimedSipMessage.Read(_sipp.TraceFile);

    /// <summary>The INVITEs the phone received, oldest first.</summary>
    public IReadOnlyList<TimedSipMessage> Invites() =>
        Messages().Where(m => m.Message.Received && m.Message.Method == "INVITE").ToList();

    /// <summary>The INVITEs that present <paramref name="caller"/> (in the From header).</summary>
    public IReadOnlyList<TimedSipMessage> InvitesFrom(string caller) =>
        Invites().Where(m => m.Message.Header("From", "f").Any(f => f.Contains(caller, StringComparison.Ordinal))).ToList();

    /// <summary>The first INVITE that presents <paramref name="caller"/>, once it has arrived.</summary>
    public async Task<TimedSipMessage> InviteFromAsync(string caller, TimeSpan within, Func<string> describe)
    {
        TimedSipMessage? found = null;
        try
        {
            await Poll.UntilAsync(() => (found = InvitesFrom(caller).FirstOrDefault()) is not null, within);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"phone {Extension} was not rung by the call from {caller} within {within}{Environment.NewLine}{describe()}");
        }

        return found!;
    }

    public string Describe() => _sipp.Describe();

    public async ValueTask DisposeAsync()
    {
        await _sipp.DisposeAsync();
        ProxySiteFixture.DeleteQuietly(_directory);
    }
}

/// <summary>One carrier call: SIPp at 127.0.0.2 (the site's CARRIER_NET) sends an INVITE for a number to Kamailio.</summary>
internal sealed class CarrierAtProxy : IAsyncDisposable
{
    private readonly SippProcess _sipp;
    private readonly string _directory;

    private readonly int _port;

    private CarrierAtProxy(SippProcess sipp, string directory, string dialled, string caller, int port)
    {
        _port = port;
        _sipp = sipp;
        _directory = directory;
        Dialled = dialled;
        Caller = caller;
    }

    public string Dialled { get; }

    public string Caller { get; }

    public static CarrierAtProxy Start(string sipp, int kamailioPort, string dialled, string caller)
    {
        var directory = Directory.CreateTempSubdirectory("leaddesk-carrier-").FullName;
        var port = AsteriskFixture.FreeUdpPort(IPAddress.Parse(AsteriskFixture.CarrierAddress));
        var process = SippProcess.Start(
            sipp,
            ProxySiteScenarios.Path("carrier-calls-proxy.xml"),
            AsteriskFixture.CarrierAddress,
            port,
            $"127.0.0.1:{kamailioPort.ToString(CultureInfo.InvariantCulture)}",
            directory,
            TimeSpan.FromSeconds(90),
            "-s", dialled, "-key", "caller", caller);
        return new CarrierAtProxy(process, directory, dialled, caller, port);
    }

    public IReadOnlyList<TimedSipMessage> Messages() => TimedSipMessage.Read(_sipp.TraceFile);

    /// <summary>When the carrier sent its INVITE (first transmission).</summary>
    public DateTime? InviteSentAt() =>
        Messages().FirstOrDefault(m => !m.Message.Received && m.Message.Method == "INVITE")?.At;

    /// <summary>The first response with this status to the INVITE, if it came.</summary>
    public TimedSipMessage? Response(int status) =>
        Messages().FirstOrDefault(m => m.Message.Received && m.Message.StartLine.StartsWith($"SIP/2.0 {status.ToString(CultureInfo.InvariantCulture)} ", StringComparison.Ordinal)
            && m.Message.Header("CSeq").Any(c => c.EndsWith("INVITE", StringComparison.Ordinal)));

    public async Task<TimedSipMessage> AnsweredAsync(TimeSpan within, Func<string> describe)
    {
        TimedSipMessage? answer = null;
        try
        {
            await Poll.UntilAsync(() => (answer = Response(200)) is not null, within);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the carrier's call from {Caller} to {Dialled} was not answered (200 OK) within {within}{Environment.NewLine}{describe()}");
        }

        return answer!;
    }

    public string Describe()
    {
        var exit = _sipp.WaitForExitAsync(TimeSpan.FromMilliseconds(100)).GetAwaiter().GetResult();
        return $"carrier call from {Caller} to {Dialled} (exit {exit?.ToString(CultureInfo.InvariantCulture) ?? "none yet"}; {_directory}: {string.Join(", ", Directory.GetFiles(_directory).Select(Path.GetFileName))}; port {_port}){Environment.NewLine}{_sipp.Describe()}";
    }

    public async ValueTask DisposeAsync()
    {
        await _sipp.DisposeAsync();
        ProxySiteFixture.DeleteQuietly(_directory);
    }
}
