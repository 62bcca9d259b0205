using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace AsteriskConfig.Tests.RealAsterisk;

/// <summary>
/// A real Asterisk running asterisk-config/, when one is on the machine (<c>ASTERISK_BIN</c>, else
/// <c>asterisk</c> on PATH or in /usr/sbin). The configuration is copied to a temporary folder with
/// an asterisk.conf that keeps every directory (config, run, spool, log, db) there, and with
/// non-default loopback ports (HTTP/ARI, SIP, RTP), so it can run beside a system Asterisk.
/// Without a binary, <see cref="SkipReason"/> says so and every test using it skips.
/// </summary>
public partial class AsteriskFixture : IAsyncLifetime
{
    public const string SkipPrefix = "asterisk binary not found (set ASTERISK_BIN or put asterisk on PATH): ";

    /// <summary>The ARI user: the <c>[leaddesk]</c> section of ari.conf (only its password is replaced here).</summary>
    public const string AriUser = "leaddesk";

    private readonly StringBuilder _output = new();
    private Process? _process;

    public string? SkipReason { get; private set; }
    public string Binary { get; private set; } = "";
    public string Root { get; private set; } = "";
    public string ConfigFile => Path.Combine(Root, "etc", "asterisk.conf");
    public int HttpPort { get; private set; }

    /// <summary>The port the controller of this Asterisk is to serve its HTTP side on (extconfig.conf's realtime URL names it).</summary>
    public int ControllerHttpPort { get; private set; }
    public int SipPort { get; private set; }
    public string AriPassword { get; } = "test-" + Guid.NewGuid().ToString("N");

    /// <summary>The carrier's signalling address in this copy (pjsip.conf's aor contact and identify match): 127.0.0.2, so that phones on 127.0.0.1 are never taken for it.</summary>
    public const string CarrierAddress = "127.0.0.2";

    /// <summary>The UDP port on <see cref="CarrierAddress"/> where Asterisk sends the carrier's INVITEs (a SIPp UAS listens there).</summary>
    public int CarrierSipPort { get; private set; }

    /// <summary>Digest password of agent phone 1001 in this copy (pjsip.conf ships the placeholder CHANGE_ME_sip_1001).</summary>
    public string Phone1001Password { get; } = "test-" + Guid.NewGuid().ToString("N");

    /// <summary>Asterisk's HTTP server, as the controller's <c>Ari:BaseUrl</c> wants it (no /ari suffix).</summary>
    public string HttpBaseUrl => $"http://127.0.0.1:{HttpPort}";

    public async ValueTask InitializeAsync()
    {
        var bin = FindBinary();
        if (bin is null)
        {
            SkipReason = SkipPrefix + "looked at $ASTERISK_BIN, PATH and /usr/sbin. These tests start Asterisk 22 with asterisk-config/ on loopback.";
            return;
        }
        Binary = bin;
        var modules = FindModuleDir(bin) ?? throw new InvalidOperationException(
            $"found {bin} but no module directory with chan_pjsip.so; set ASTERISK_MODULE_DIR");

        Root = Directory.CreateTempSubdirectory("leaddesk-asterisk-").FullName;
        var etc = Directory.CreateDirectory(Path.Combine(Root, "etc")).FullName;
        foreach (var d in new[] { "run", "log", "spool", "lib", "db", "keys", "cache" })
            Directory.CreateDirectory(Path.Combine(Root, d));
        Directory.CreateDirectory(Path.Combine(Root, "spool", "recording"));
        foreach (var file in Directory.GetFiles(RepoConfig.Directory, "*.conf"))
            File.Copy(file, Path.Combine(etc, Path.GetFileName(file)));
        CopySiteConfig(etc);

        HttpPort = FreeTcpPort();
        SipPort = FreeUdpPort();
        var rtpStart = 30000 + Random.Shared.Next(0, 1000) * 20;
        Rewrite(etc, "http.conf", s => s.Replace("bindport = 8088", $"bindport = {HttpPort}", StringComparison.Ordinal));
        CarrierSipPort = FreeUdpPort(IPAddress.Parse(CarrierAddress));
        RewriteSipConfig(etc);
        // Where this Asterisk's controller will listen (Health:Url): app_queue reads its realtime members there.
        ControllerHttpPort = FreeTcpPort();
        Rewrite(etc, "extconfig.conf", s => s.Replace("http://127.0.0.1:8090/", $"http://127.0.0.1:{ControllerHttpPort}/", StringComparison.Ordinal));
        Rewrite(etc, "rtp.conf", s => RtpStart().Replace(RtpEnd().Replace(s, $"rtpend = {rtpStart + 19}"), $"rtpstart = {rtpStart}"));
        Rewrite(etc, "ari.conf", s => s.Replace("password = CHANGE_ME_ari_password", $"password = {AriPassword}", StringComparison.Ordinal));

        var dataDir = FindDataDir(bin, out var looked) ?? throw new InvalidOperationException(
            $"found {bin} but no Asterisk data directory with documentation/core-en_US.xml (Stasis does not start without it); " +
            $"looked at {string.Join(", ", looked)}; set ASTERISK_DATA_DIR");
        File.WriteAllText(ConfigFile, $"""
            [directories]
            astetcdir => {etc}
            astmoddir => {modules}
            astvarlibdir => {Path.Combine(Root, "lib")}
            astdbdir => {Path.Combine(Root, "db")}
            astkeydir => {Path.Combine(Root, "keys")}
            astdatadir => {dataDir}
            astagidir => {Path.Combine(Root, "lib", "agi-bin")}
            astspooldir => {Path.Combine(Root, "spool")}
            astrundir => {Path.Combine(Root, "run")}
            astlogdir => {Path.Combine(Root, "log")}
            astcachedir => {Path.Combine(Root, "cache")}
            astsbindir => {Path.GetDirectoryName(bin)}

            [options]
            nofork = yes
            {(SystemName is null ? "" : "systemname = " + SystemName)}
            """);

        var psi = new ProcessStartInfo(bin) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { "-f", "-n", "-C", ConfigFile }) psi.ArgumentList.Add(a);
        _process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {bin}");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Asterisk exited with {_process.ExitCode} during start:{Environment.NewLine}{Output}");
            if (File.Exists(Path.Combine(Root, "run", "asterisk.ctl")))
            {
                var (code, text) = await RunCliAsync("core waitfullybooted", TimeSpan.FromSeconds(30));
                if (code == 0 && !text.Contains("Unable to connect", StringComparison.OrdinalIgnoreCase))
                {
                    ThrowOnConfigurationErrors();
                    return;
                }
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Asterisk did not finish booting in 60 s:{Environment.NewLine}{Output}");
            await Task.Delay(250);
        }
    }

    /// <summary>Copies more configuration over the copy of asterisk-config/ in <paramref name="etc"/> (a topology's files); nothing for one box.</summary>
    protected virtual void CopySiteConfig(string etc)
    {
    }

    /// <summary>
    /// Points the copy's SIP at loopback: this Asterisk's transport on <see cref="SipPort"/>, the carrier trunk at
    /// <see cref="CarrierAddress"/>:<see cref="CarrierSipPort"/>, phone 1001's password.
    /// </summary>
    protected virtual void RewriteSipConfig(string etc)
    {
        Rewrite(etc, "pjsip.conf", s => s.Replace("bind = 0.0.0.0:5060", $"bind = 127.0.0.1:{SipPort}", StringComparison.Ordinal));
        Rewrite(etc, "pjsip.conf", s => s.Replace("contact = sip:198.51.100.10:5060", $"contact = sip:{CarrierAddress}:{CarrierSipPort}", StringComparison.Ordinal));
        Rewrite(etc, "pjsip.conf", s => s.Replace("match = 198.51.100.10", $"match = {CarrierAddress}", StringComparison.Ordinal));
        // The carrier's qualify is tested as shipped (off): the SIPp carrier answers no OPTIONS, like many real trunks.
        Rewrite(etc, "pjsip.conf", s => s.Replace("password = CHANGE_ME_sip_1001", $"password = {Phone1001Password}", StringComparison.Ordinal));
    }

    /// <summary>asterisk.conf's <c>systemname</c> (each Asterisk of a site has its own); none for one box.</summary>
    protected virtual string? SystemName => null;

    /// <summary>
    /// A configuration users copy must start clean: any ERROR that Asterisk logs while loading it (a missing or
    /// broken .conf file, a config module's complaint) fails every test here, with the lines.
    /// </summary>
    private void ThrowOnConfigurationErrors()
    {
        var log = Path.Combine(Root, "log", "messages.log");
        var errors = File.Exists(log)
            ? File.ReadLines(log).Where(IsConfigurationError).ToArray()
            : [];
        if (errors.Length > 0)
            throw new InvalidOperationException($"asterisk-config/ starts with {errors.Length} ERROR line(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    internal static bool IsConfigurationError(string line) =>
        line.Contains(" ERROR[", StringComparison.Ordinal)
        && (ConfFileName().IsMatch(line) || line.Contains("config", StringComparison.OrdinalIgnoreCase));

    /// <summary>Lines of Asterisk's messages.log (notice, warning, error) that contain <paramref name="text"/>.</summary>
    public IReadOnlyList<string> MessagesLogLines(string text)
    {
        var log = Path.Combine(Root, "log", "messages.log");
        if (!File.Exists(log)) return [];
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
            if (line.Contains(text, StringComparison.Ordinal)) lines.Add(line);
        return lines;
    }

    /// <summary>Console output of the running Asterisk so far (for failure messages).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Runs one CLI command on the running Asterisk (<c>asterisk -C conf -rx</c>).</summary>
    public async Task<string> CliAsync(string command)
    {
        var (code, text) = await RunCliAsync(command, TimeSpan.FromSeconds(20));
        if (code != 0) throw new InvalidOperationException($"asterisk -rx \"{command}\" exited {code}: {text}");
        return text;
    }

    private async Task<(int Code, string Text)> RunCliAsync(string command, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-C", ConfigFile, "-rx", command }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        using var cts = new CancellationTokenSource(timeout);
        var stdout = p.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = p.StandardError.ReadToEndAsync(cts.Token);
        try { await p.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { p.Kill(entireProcessTree: true); return (-1, $"timed out after {timeout}"); }
        return (p.ExitCode, await stdout + await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            try { await RunCliAsync("core stop now", TimeSpan.FromSeconds(10)); } catch (InvalidOperationException) { }
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process?.Dispose();
        if (Root.Length > 0 && Environment.GetEnvironmentVariable("LEADDESK_KEEP_ASTERISK_DIR") is null)
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string? FindBinary()
    {
        var env = Environment.GetEnvironmentVariable("ASTERISK_BIN");
        if (!string.IsNullOrWhiteSpace(env)) return File.Exists(env) ? env : null;
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin");
        return dirs.Select(d => Path.Combine(d, "asterisk")).FirstOrDefault(File.Exists);
    }

    private static string? FindModuleDir(string bin)
    {
        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(bin)) ?? "/usr";
        var candidates = new[]
        {
            Environment.GetEnvironmentVariable("ASTERISK_MODULE_DIR"),
            Path.Combine(prefix, "lib", "asterisk", "modules"),
            Path.Combine(prefix, "lib64", "asterisk", "modules"),
            Path.Combine(prefix, "lib", "x86_64-linux-gnu", "asterisk", "modules"),
            Path.Combine(prefix, "lib", "aarch64-linux-gnu", "asterisk", "modules"),
            "/usr/lib/asterisk/modules",
            "/usr/lib64/asterisk/modules",
        };
        return candidates.FirstOrDefault(d => d is not null && File.Exists(Path.Combine(d, "chan_pjsip.so")));
    }

    /// <summary>
    /// The data directory (sounds, MOH and the XML documentation Stasis needs at start) that goes with the binary:
    /// beside its prefix for an Asterisk installed under one (<c>/opt/asterisk/var/lib/asterisk</c>), else the system's.
    /// </summary>
    private static string? FindDataDir(string bin, out IReadOnlyList<string> looked)
    {
        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(bin)) ?? "/usr";
        var candidates = new[]
        {
            Environment.GetEnvironmentVariable("ASTERISK_DATA_DIR"),
            Path.Combine(prefix, "var", "lib", "asterisk"),
            Path.Combine(prefix, "share", "asterisk"),
            "/var/lib/asterisk",
            "/usr/share/asterisk",
        }.OfType<string>().Where(d => d.Length > 0).Distinct().ToArray();
        looked = candidates;
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "documentation", "core-en_US.xml")));
    }

    protected static void Rewrite(string dir, string file, Func<string, string> change)
    {
        var path = Path.Combine(dir, file);
        var before = File.ReadAllText(path);
        var after = change(before);
        if (after == before) throw new InvalidOperationException($"the test fixture could not rewrite {file}: the line it changes is gone");
        File.WriteAllText(path, after);
    }

    internal static int FreeTcpPort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    internal static int FreeUdpPort(IPAddress? address = null)
    {
        using var u = new UdpClient(new IPEndPoint(address ?? IPAddress.Loopback, 0));
        return ((IPEndPoint)u.Client.LocalEndPoint!).Port;
    }

    [GeneratedRegex(@"\b[\w-]+\.conf\b")]
    private static partial Regex ConfFileName();

    [GeneratedRegex(@"rtpstart\s*=\s*\d+")]
    private static partial Regex RtpStart();

    [GeneratedRegex(@"rtpend\s*=\s*\d+")]
    private static partial Regex RtpEnd();
}
