using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace LeadDesk.Bench.RealAsterisk;

/// <summary>
/// A real Asterisk running the repository's <c>asterisk-config/</c> from a temporary copy (its own asterisk.conf via
/// <c>-C</c>, every directory inside the copy, loopback ports), with what a lab needs added to the copy only:
/// the carrier on <see cref="CarrierAddress"/>, agent endpoints <c>2NNN</c> without auth whose contact is the SIPp
/// phones on <see cref="PhonesAddress"/>, and a context <c>[bench-carrier]</c> for the carrier that adds the two
/// comparison paths (<c>7NNN</c>: plain <c>Dial(PJSIP/2NNN)</c>; <c>8NNN</c>: the naive ARI application) and
/// includes the shipped <c>[from-carrier]</c> unchanged for every other number.
/// </summary>
internal sealed partial class LabAsterisk : IAsyncDisposable
{
    public const string CarrierAddress = "127.0.0.2";
    public const string PhonesAddress = "127.0.0.3";
    public const string NaiveApplication = "benchnaive";
    public const int FirstExtension = 2000;

    private readonly StringBuilder _output = new();
    private Process? _process;

    private LabAsterisk(string binary, string root)
    {
        Binary = binary;
        Root = root;
    }

    public string Binary { get; }
    public string Root { get; }
    public string ConfigFile => Path.Combine(Root, "etc", "asterisk.conf");
    public int HttpPort { get; private set; }
    public int SipPort { get; private set; }
    public int PhonesPort { get; private set; }
    public int ControllerHttpPort { get; private set; }
    public string AriPassword { get; } = "bench-" + Guid.NewGuid().ToString("N");
    public string HttpBaseUrl => $"http://127.0.0.1:{HttpPort}";
    public int Pid => _process?.Id ?? 0;

    /// <summary>The Asterisk binary: ASTERISK_BIN, else /opt/asterisk-*/sbin/asterisk, else asterisk on PATH or in /usr/sbin.</summary>
    public static string? FindBinary()
    {
        var env = Environment.GetEnvironmentVariable("ASTERISK_BIN");
        if (!string.IsNullOrWhiteSpace(env))
        {
            return File.Exists(env) ? env : null;
        }

        var opt = Directory.Exists("/opt")
            ? Directory.GetDirectories("/opt", "asterisk*").Select(d => Path.Combine(d, "sbin", "asterisk")).Where(File.Exists).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        return opt ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin").Select(d => Path.Combine(d, "asterisk")).FirstOrDefault(File.Exists);
    }

    public static async Task<LabAsterisk> StartAsync(string binary, int agents)
    {
        var modules = FirstExisting(ModuleCandidates(binary), d => File.Exists(Path.Combine(d, "chan_pjsip.so")))
            ?? throw new InvalidOperationException($"found {binary} but no module directory with chan_pjsip.so; set ASTERISK_MODULE_DIR");
        var dataDir = FirstExisting(DataCandidates(binary), d => File.Exists(Path.Combine(d, "documentation", "core-en_US.xml")))
            ?? throw new InvalidOperationException($"found {binary} but no data directory with documentation/core-en_US.xml; set ASTERISK_DATA_DIR");

        var lab = new LabAsterisk(binary, Directory.CreateTempSubdirectory("leaddesk-real-asterisk-").FullName);
        lab.Configure(agents, modules, dataDir);
        await lab.BootAsync();
        return lab;
    }

    private void Configure(int agents, string modules, string dataDir)
    {
        var etc = Directory.CreateDirectory(Path.Combine(Root, "etc")).FullName;
        foreach (var d in new[] { "run", "log", "spool", "lib", "db", "keys", "cache" })
        {
            Directory.CreateDirectory(Path.Combine(Root, d));
        }

        Directory.CreateDirectory(Path.Combine(Root, "spool", "recording"));
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "asterisk-config"), "*.conf"))
        {
            File.Copy(file, Path.Combine(etc, Path.GetFileName(file)));
        }

        HttpPort = FreeTcpPort();
        SipPort = FreeUdpPort(IPAddress.Loopback);
        PhonesPort = FreeUdpPort(IPAddress.Parse(PhonesAddress));
        ControllerHttpPort = FreeTcpPort();
        var carrierPort = FreeUdpPort(IPAddress.Parse(CarrierAddress));
        Rewrite(etc, "http.conf", s => s.Replace("bindport = 8088", $"bindport = {HttpPort}", StringComparison.Ordinal));
        Rewrite(etc, "pjsip.conf", s => s
            .Replace("bind = 0.0.0.0:5060", $"bind = 127.0.0.1:{SipPort}", StringComparison.Ordinal)
            .Replace("contact = sip:198.51.100.10:5060", $"contact = sip:{CarrierAddress}:{carrierPort}", StringComparison.Ordinal)
            .Replace("match = 198.51.100.10", $"match = {CarrierAddress}", StringComparison.Ordinal)
            .Replace("context = from-carrier", "context = bench-carrier", StringComparison.Ordinal));
        Rewrite(etc, "extconfig.conf", s => s.Replace("http://127.0.0.1:8090/", $"http://127.0.0.1:{ControllerHttpPort}/", StringComparison.Ordinal));
        // Two RTP ports (RTP + RTCP) per channel, two channels per call: room for thousands of calls at once.
        Rewrite(etc, "rtp.conf", s => RtpStart().Replace(RtpEnd().Replace(s, "rtpend = 39999"), "rtpstart = 20000"));
        Rewrite(etc, "ari.conf", s => s.Replace("password = CHANGE_ME_ari_password", $"password = {AriPassword}", StringComparison.Ordinal));

        // Lab additions, in the copy only. The carrier's calls enter [bench-carrier], which includes the shipped
        // [from-carrier]: a +358... number runs exactly the shipped priorities, up to Stasis(leaddesk,inbound,...).
        var pjsip = new StringBuilder();
        pjsip.AppendLine(CultureInfo.InvariantCulture, $"""

            ; ---- bench lab (LeadDesk.Bench --real-asterisk): agent phones are one SIPp UAS at {PhonesAddress}:{PhonesPort}
            """);
        for (var i = 0; i < agents; i++)
        {
            var ext = (FirstExtension + i).ToString(CultureInfo.InvariantCulture);
            pjsip.AppendLine(CultureInfo.InvariantCulture, $"""
                [{ext}](agent-endpoint)
                type = endpoint
                aors = {ext}
                [{ext}]
                type = aor
                contact = sip:{ext}@{PhonesAddress}:{PhonesPort}
                """);
        }

        File.AppendAllText(Path.Combine(etc, "pjsip.conf"), pjsip.ToString());
        File.AppendAllText(Path.Combine(etc, "extensions.conf"), """

            ; ---- bench lab: the carrier's context; +358... falls through to the shipped [from-carrier]
            [bench-carrier]
            exten => _7XXX,1,NoOp(bench: plain dialplan to 2${EXTEN:1})
             same => n,Dial(PJSIP/2${EXTEN:1})
             same => n,Hangup()
            exten => _8XXX,1,NoOp(bench: naive ARI application for 2${EXTEN:1})
             same => n,Stasis(NAIVE,2${EXTEN:1})
             same => n,Hangup()
            include => from-carrier

            """.Replace("NAIVE", NaiveApplication, StringComparison.Ordinal));

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
            astsbindir => {Path.GetDirectoryName(Binary)}

            [options]
            nofork = yes
            """);
    }

    private async Task BootAsync()
    {
        var psi = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { "-f", "-n", "-C", ConfigFile })
        {
            psi.ArgumentList.Add(a);
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {Binary}");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Asterisk exited with {_process.ExitCode} during start:{Environment.NewLine}{Output}");
            }

            if (File.Exists(Path.Combine(Root, "run", "asterisk.ctl")))
            {
                var (code, text) = await RunCliAsync("core waitfullybooted", TimeSpan.FromSeconds(30));
                if (code == 0 && !text.Contains("Unable to connect", StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Asterisk did not finish booting in 60 s:{Environment.NewLine}{Output}");
            }

            await Task.Delay(250);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 1_000_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>User + system CPU of Asterisk so far (/proc/PID/stat).</summary>
    public TimeSpan Cpu() => ProcCpu.Of(Pid);

    public async Task<string> CliAsync(string command)
    {
        var (code, text) = await RunCliAsync(command, TimeSpan.FromSeconds(30));
        return code == 0 ? text : throw new InvalidOperationException($"asterisk -rx \"{command}\" exited {code}: {text}");
    }

    /// <summary>
    /// The statistics of a Stasis application's message queue (<c>stasis/m:ari:application/NAME</c>): messages
    /// processed and the deepest it got since the last <see cref="ResetQueueAsync"/>. Null when it does not exist.
    /// </summary>
    public async Task<(long Processed, long InQueue, long MaxDepth, string Name)?> ApplicationQueueAsync(string application)
    {
        var text = await CliAsync("core show taskprocessors like stasis/m:ari:application/" + application);
        foreach (var line in text.Split('\n'))
        {
            var cols = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // Processor  Processed  In Queue  Max Depth  Low water  High water
            if (cols.Length >= 4 && cols[0].Contains(":application/", StringComparison.Ordinal)
                && long.TryParse(cols[1], CultureInfo.InvariantCulture, out var processed)
                && long.TryParse(cols[2], CultureInfo.InvariantCulture, out var inQueue)
                && long.TryParse(cols[3], CultureInfo.InvariantCulture, out var depth)
                && QueueNameIs(cols[0], application))
            {
                return (processed, inQueue, depth, cols[0]);
            }
        }

        return null;
    }

    private static bool QueueNameIs(string name, string application)
    {
        // stasis/m:ari:application/leaddesk, possibly with a serial suffix; never another application's whose name starts the same.
        var at = name.IndexOf(":application/", StringComparison.Ordinal) + ":application/".Length;
        var rest = name[at..];
        return rest == application || (rest.StartsWith(application + "-", StringComparison.Ordinal) && rest[(application.Length + 1)..].All(char.IsAsciiHexDigit));
    }

    public async Task ResetQueueAsync(string name) => await CliAsync("core reset taskprocessor " + name);

    private async Task<(int Code, string Text)> RunCliAsync(string command, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-C", ConfigFile, "-rx", command })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        using var cts = new CancellationTokenSource(timeout);
        var stdout = p.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = p.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}");
        }

        return (p.ExitCode, await stdout + await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            try
            {
                await RunCliAsync("core stop now", TimeSpan.FromSeconds(10));
            }
            catch (InvalidOperationException)
            {
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process?.Dispose();
        if (Environment.GetEnvironmentVariable("LEADDESK_KEEP_ASTERISK_DIR") is null)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static IEnumerable<string?> ModuleCandidates(string bin)
    {
        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(bin)) ?? "/usr";
        yield return Environment.GetEnvironmentVariable("ASTERISK_MODULE_DIR");
        yield return Path.Combine(prefix, "lib", "asterisk", "modules");
        yield return Path.Combine(prefix, "lib64", "asterisk", "modules");
        yield return Path.Combine(prefix, "lib", "x86_64-linux-gnu", "asterisk", "modules");
        yield return "/usr/lib/asterisk/modules";
    }

    private static IEnumerable<string?> DataCandidates(string bin)
    {
        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(bin)) ?? "/usr";
        yield return Environment.GetEnvironmentVariable("ASTERISK_DATA_DIR");
        yield return Path.Combine(prefix, "var", "lib", "asterisk");
        yield return Path.Combine(prefix, "share", "asterisk");
        yield return "/var/lib/asterisk";
        yield return "/usr/share/asterisk";
    }

    private static string? FirstExisting(IEnumerable<string?> candidates, Func<string, bool> ok) =>
        candidates.OfType<string>().Where(d => d.Length > 0).FirstOrDefault(ok);

    private static void Rewrite(string dir, string file, Func<string, string> change)
    {
        var path = Path.Combine(dir, file);
        var before = File.ReadAllText(path);
        var after = change(before);
        if (after == before)
        {
            throw new InvalidOperationException($"the bench could not rewrite {file}: the line it changes is gone");
        }

        File.WriteAllText(path, after);
    }

    private static int FreeTcpPort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public static int FreeUdpPort(IPAddress address)
    {
        using var u = new UdpClient(new IPEndPoint(address, 0));
        return ((IPEndPoint)u.Client.LocalEndPoint!).Port;
    }

    [GeneratedRegex(@"rtpstart\s*=\s*\d+")]
    private static partial Regex RtpStart();

    [GeneratedRegex(@"rtpend\s*=\s*\d+")]
    private static partial Regex RtpEnd();
}

/// <summary>CPU time of any process, from /proc/PID/stat (utime + stime).</summary>
internal static class ProcCpu
{
    public static TimeSpan Of(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}
