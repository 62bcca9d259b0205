using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AsteriskConfig.Tests.RealAsterisk.ProxySite;

/// <summary>
/// The site's proxy as an operator deploys it (docs/multi-asterisk.md): the repository's kamailio/kamailio.cfg copied
/// unchanged into a temporary folder, with the site's values in a <c>leaddesk-site.cfg</c> beside it (the file the cfg
/// imports) and the Asterisks in a dispatcher list; Debian's <c>kamailio</c> runs it in the foreground on loopback,
/// its log (stderr, <c>-E</c>) kept for failure messages and in kamailio.log beside the cfg.
/// </summary>
internal sealed class KamailioProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    private KamailioProcess(string directory, int port)
    {
        Directory = directory;
        Port = port;
    }

    /// <summary>The folder holding kamailio.cfg, leaddesk-site.cfg, the dispatcher list and the runtime files.</summary>
    public string Directory { get; }

    /// <summary>Kamailio's UDP port on 127.0.0.1.</summary>
    public int Port { get; }

    public string ConfigFile => Path.Combine(Directory, "kamailio.cfg");

    /// <summary>Its log so far.</summary>
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

    /// <summary><c>KAMAILIO_BIN</c>, else <c>kamailio</c> on PATH or in /usr/sbin; null when there is none.</summary>
    public static string? FindBinary()
    {
        var env = Environment.GetEnvironmentVariable("KAMAILIO_BIN");
        if (!string.IsNullOrWhiteSpace(env))
        {
            return File.Exists(env) ? env : null;
        }

        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin");
        return dirs.Select(d => Path.Combine(d, "kamailio")).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Writes the site's copy: kamailio.cfg as shipped, a leaddesk-site.cfg with <paramref name="siteDefines"/> (name,
    /// value: <c>#!define NAME value</c> lines) and the dispatcher list naming <paramref name="asterisks"/> (SIP URIs).
    /// Listens on 127.0.0.1:<paramref name="port"/>.
    /// </summary>
    public static KamailioProcess Render(int port, IReadOnlyList<string> asterisks, IEnumerable<(string Name, string Value)> siteDefines)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("leaddesk-kamailio-").FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "run"));
        File.Copy(Path.Combine(RepoConfig.RepositoryRoot, "kamailio", "kamailio.cfg"), Path.Combine(directory, "kamailio.cfg"));
        var list = Path.Combine(directory, "asterisks.list");
        File.WriteAllLines(list, asterisks.Select(uri => $"1 {uri} 0 0"));
        var lines = new List<string>
        {
            "# The test site's values (tests/AsteriskConfig.Tests/RealAsterisk/ProxySite).",
            $"#!define LISTEN udp:127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            $"#!define DISPATCHER_LIST \"{list}\"",
        };
        lines.AddRange(siteDefines.Select(d => $"#!define {d.Name} {d.Value}"));
        File.WriteAllLines(Path.Combine(directory, "leaddesk-site.cfg"), lines);
        return new KamailioProcess(directory, port);
    }

    /// <summary><c>kamailio -c</c> on the copy: exit code and output.</summary>
    public async Task<(int Code, string Text)> CheckAsync(string binary)
    {
        var psi = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        foreach (var a in new[] { "-c", "-f", ConfigFile })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {binary}");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = p.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = p.StandardError.ReadToEndAsync(cts.Token);
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout + await stderr);
    }

    /// <summary>Starts Kamailio in the foreground (one UDP worker set, logs to stderr) and waits until its port is bound.</summary>
    public async Task StartAsync(string binary, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        foreach (var a in new[] { "-f", ConfigFile, "-DD", "-E", "-n", "1", "-Y", Path.Combine(Directory, "run"), "-m", "64", "-M", "8" })
        {
            psi.ArgumentList.Add(a);
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {binary}");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"kamailio exited with {_process.ExitCode} during start:{Environment.NewLine}{Output}");
            }

            try
            {
                using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, Port));
            }
            catch (SocketException)
            {
                // Bound: Kamailio is listening.
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"kamailio did not bind udp:127.0.0.1:{Port} within {timeout}:{Environment.NewLine}{Output}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                // SIGTERM: the main process stops its children (one per worker) and exits. Only if that hangs, SIGKILL
                // to the whole tree (a SIGKILL to the main process alone leaves the workers behind).
                using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
                {
                    await term.WaitForExitAsync();
                }

                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await process.WaitForExitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            process.Dispose();
        }

        if (Environment.GetEnvironmentVariable("LEADDESK_KEEP_ASTERISK_DIR") is null)
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
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
            _output.AppendLine(line);
            File.AppendAllText(Path.Combine(Directory, "kamailio.log"), line + Environment.NewLine);
        }
    }
}
