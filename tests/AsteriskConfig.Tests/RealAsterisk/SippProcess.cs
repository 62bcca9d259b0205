using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AsteriskConfig.Tests.RealAsterisk;

/// <summary>
/// One SIPp run (Debian's sip-tester) playing a scenario of <c>RealAsterisk/Sipp/</c> for exactly one call on a
/// 127.0.0.x address, with every SIP message it sends and receives written to <see cref="TraceFile"/>
/// (<c>-trace_msg</c>). SIPp quits by itself after the call or after <c>-timeout</c>; disposing kills it if not.
/// </summary>
internal sealed class SippProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SippProcess(Process process, string traceFile, string name)
    {
        _process = process;
        TraceFile = traceFile;
        Name = name;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public string TraceFile { get; }

    /// <summary>SIPp's console output (its final statistics, errors such as a failed bind).</summary>
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

    /// <summary><c>SIPP_BIN</c>, else <c>sipp</c> on PATH or in /usr/bin; null when there is none.</summary>
    public static string? FindBinary()
    {
        var env = Environment.GetEnvironmentVariable("SIPP_BIN");
        if (!string.IsNullOrWhiteSpace(env))
        {
            return File.Exists(env) ? env : null;
        }

        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin");
        return dirs.Select(d => Path.Combine(d, "sipp")).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Starts <paramref name="scenario"/> on <paramref name="localIp"/>:<paramref name="localPort"/> (media on the same
    /// address), as a UAC towards <paramref name="remote"/> or, without one, as a UAS. SIPp gives up after
    /// <paramref name="timeout"/> on its own.
    /// </summary>
    public static SippProcess Start(
        string binary, string scenario, string localIp, int localPort, string? remote, string directory, TimeSpan timeout, params string[] extra)
    {
        var name = Path.GetFileNameWithoutExtension(scenario);
        var trace = Path.Combine(directory, name + ".messages.log");
        var psi = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        if (remote is not null)
        {
            psi.ArgumentList.Add(remote);
        }

        var address = IPAddress.Parse(localIp);
        string[] args =
        [
            "-sf", Path.Combine(AppContext.BaseDirectory, "RealAsterisk", "Sipp", scenario),
            "-i", localIp, "-p", localPort.ToString(CultureInfo.InvariantCulture),
            "-mi", localIp, "-mp", FreeMediaPort(address).ToString(CultureInfo.InvariantCulture),
            "-m", "1", "-nostdin",
            "-timeout", ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s", "-timeout_error",
            "-trace_msg", "-message_file", trace,
            "-trace_err", "-error_file", Path.Combine(directory, name + ".errors.log"),
            .. extra,
        ];
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {binary}");
        return new SippProcess(process, trace, name);
    }

    /// <summary>Polls until SIPp has bound its UDP port (a bind of our own there fails), so a UAS is ready for the INVITE.</summary>
    public async Task<bool> WaitUntilListeningAsync(string localIp, int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var probe = new UdpClient(new IPEndPoint(IPAddress.Parse(localIp), port));
            }
            catch (SocketException)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <summary>SIPp's exit code (0: the call went as the scenario says), or null when it had not ended in time.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>What the run left for a failure message: its console and its message trace.</summary>
    public string Describe()
    {
        var trace = File.Exists(TraceFile) ? File.ReadAllText(TraceFile) : "(no message trace)";
        var errors = Path.Combine(Path.GetDirectoryName(TraceFile)!, Name + ".errors.log");
        var unexpected = File.Exists(errors) ? File.ReadAllText(errors) : "";
        return $"--- SIPp {Name} ---{Environment.NewLine}{Output}{unexpected}{Environment.NewLine}--- its messages ---{Environment.NewLine}{trace}";
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _process.Dispose();
    }

    /// <summary>An even free UDP port (SIPp binds it for audio and the port two above for video).</summary>
    private static int FreeMediaPort(IPAddress address)
    {
        for (var i = 0; i < 50; i++)
        {
            var port = AsteriskFixture.FreeUdpPort(address) & ~1;
            try
            {
                using var audio = new UdpClient(new IPEndPoint(address, port));
                using var video = new UdpClient(new IPEndPoint(address, port + 2));
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException($"no free pair of UDP ports on {address} for SIPp's media");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
