using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace LeadDesk.Bench.RealAsterisk;

/// <summary>SIPp as the lab's carrier (UAC) and as every agent's phone (one UAS), with its traces parsed.</summary>
internal sealed partial class Sipp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private Sipp(Process process, string directory)
    {
        _process = process;
        Directory = directory;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Directory { get; }

    public string MessageFile => Path.Combine(Directory, "messages.log");

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

    /// <summary><c>SIPP_BIN</c>, else sipp on PATH or in /usr/bin.</summary>
    public static string? FindBinary()
    {
        var env = Environment.GetEnvironmentVariable("SIPP_BIN");
        if (!string.IsNullOrWhiteSpace(env))
        {
            return File.Exists(env) ? env : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Select(d => Path.Combine(d, "sipp")).FirstOrDefault(File.Exists);
    }

    /// <summary>Every agent's phone: answers each INVITE at once until disposed.</summary>
    public static Sipp StartPhones(string binary, LabAsterisk lab, string directory, bool trace)
    {
        var args = new List<string>
        {
            "-sf", Scenario("agent-phones.xml"),
            "-i", LabAsterisk.PhonesAddress, "-p", lab.PhonesPort.ToString(CultureInfo.InvariantCulture),
            "-mi", LabAsterisk.PhonesAddress, "-mp", LabAsterisk.FreeUdpPort(IPAddress.Parse(LabAsterisk.PhonesAddress)).ToString(CultureInfo.InvariantCulture),
            "-l", "20000", "-nostdin", "-max_socket", "20000",
        };
        if (trace)
        {
            args.AddRange(["-trace_msg", "-message_file", Path.Combine(directory, "messages.log")]);
        }

        return Start(binary, directory, args);
    }

    /// <summary>
    /// The carrier: one call per number, <paramref name="rate"/> per second, each talking <paramref name="talk"/>
    /// after the answer; returns when every call ended. INVITE->200 of each answered call is in <see cref="AnswerTimes"/>.
    /// </summary>
    public static async Task<Sipp> RunCarrierAsync(string binary, LabAsterisk lab, string directory, IReadOnlyList<string> numbers, double rate, TimeSpan talk, bool trace)
    {
        System.IO.Directory.CreateDirectory(directory);
        var csv = Path.Combine(directory, "numbers.csv");
        await File.WriteAllLinesAsync(csv, numbers.Select(n => n + ";").Prepend("SEQUENTIAL"));
        var args = new List<string>
        {
            $"127.0.0.1:{lab.SipPort}",
            "-sf", Scenario("carrier-calls.xml"),
            "-inf", csv,
            "-i", LabAsterisk.CarrierAddress, "-p", LabAsterisk.FreeUdpPort(IPAddress.Parse(LabAsterisk.CarrierAddress)).ToString(CultureInfo.InvariantCulture),
            "-mi", LabAsterisk.CarrierAddress, "-mp", LabAsterisk.FreeUdpPort(IPAddress.Parse(LabAsterisk.CarrierAddress)).ToString(CultureInfo.InvariantCulture),
            "-r", rate.ToString("0.###", CultureInfo.InvariantCulture), "-rp", "1000",
            "-m", numbers.Count.ToString(CultureInfo.InvariantCulture),
            "-d", ((int)talk.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            "-l", "20000", "-max_socket", "20000", "-nostdin",
            "-timeout", ((int)(numbers.Count / rate + talk.TotalSeconds + 60)).ToString(CultureInfo.InvariantCulture) + "s",
            "-trace_rtt", "-rtt_freq", "1",
        };
        if (trace)
        {
            args.AddRange(["-trace_msg", "-message_file", Path.Combine(directory, "messages.log")]);
        }

        var sipp = Start(binary, directory, args);
        await sipp._process.WaitForExitAsync();
        return sipp;
    }

    /// <summary>INVITE->200 of every answered call, in ms (SIPp's <c>-trace_rtt</c> file, response-time measure "answer").</summary>
    public IReadOnlyList<double> AnswerTimes()
    {
        var times = new List<double>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*_rtt.csv"))
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                // Date_ms;response_time_ms;rtd_no
                var cols = line.Split(';');
                if (cols.Length >= 2 && double.TryParse(cols[1], CultureInfo.InvariantCulture, out var ms))
                {
                    times.Add(ms);
                }
            }
        }

        return times;
    }

    /// <summary>
    /// The first INVITE of each dialog in the message trace (retransmissions and re-INVITEs left out), in order:
    /// when it was sent or received (SIPp's clock: the wall clock, the same for every SIPp on this host) and its
    /// Request-URI user.
    /// </summary>
    public static IReadOnlyList<(DateTime At, string User)> FirstInvites(string messageFile)
    {
        var result = new List<(DateTime, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var text = File.ReadAllText(messageFile);
        foreach (var block in text.Split("-----------------------------------------------", StringSplitOptions.RemoveEmptyEntries))
        {
            var stamp = Stamp().Match(block);
            var invite = InviteLine().Match(block);
            var callId = CallId().Match(block);
            if (!stamp.Success || !invite.Success || !callId.Success || !seen.Add(callId.Groups[1].Value.Trim()))
            {
                continue;
            }

            var at = DateTime.ParseExact(stamp.Groups[1].Value + " " + stamp.Groups[2].Value, "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
            result.Add((at, invite.Groups[1].Value));
        }

        return result;
    }

    private static Sipp Start(string binary, string directory, List<string> args)
    {
        System.IO.Directory.CreateDirectory(directory);
        var psi = new ProcessStartInfo(binary)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return new Sipp(Process.Start(psi) ?? throw new InvalidOperationException("sipp did not start"), directory);
    }

    private static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "RealAsterisk", name);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 200_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"^\s*(\d{4}-\d\d-\d\d)\s+(\d\d:\d\d:\d\d\.\d{6})")]
    private static partial Regex Stamp();

    [GeneratedRegex(@"^INVITE sip:([^@\s;]+)@", RegexOptions.Multiline)]
    private static partial Regex InviteLine();

    [GeneratedRegex(@"^Call-ID:\s*(\S+)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex CallId();
}
