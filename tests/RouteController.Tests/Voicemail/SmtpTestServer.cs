using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace RouteController.Tests.Voicemail;

/// <summary>
/// A real SMTP server on loopback: Debian's python3-aiosmtpd run by /usr/bin/python3 (the python3 first on PATH
/// may be another interpreter without it), with smtp_test_handler.py saving what it accepts as .eml files.
/// It can be started and stopped on the same port (server down, then up) and told to answer 4xx or 5xx.
/// </summary>
public sealed class SmtpTestServer : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private Process? _process;

    private SmtpTestServer()
    {
        Directory = Path.Combine(Path.GetTempPath(), "leaddesk-smtp-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Port = FreePort();
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>A server that is not running yet (start it with <see cref="StartAsync"/>); skips the test without aiosmtpd.</summary>
    public static SmtpTestServer Create()
    {
        SkipUnlessAvailable();
        return new SmtpTestServer();
    }

    public static async Task<SmtpTestServer> StartNewAsync()
    {
        var server = Create();
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "smtp_test_handler.SavingHandler", Directory },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["PYTHONPATH"] = Path.Combine(AppContext.BaseDirectory, "Voicemail");
        _process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start");
        _process.ErrorDataReceived += (_, _) => { };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        var until = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException("aiosmtpd did not listen within 15 s");
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>"ok", "4xx" or "5xx": how the server answers RCPT from now on.</summary>
    public void SetMode(string mode) => File.WriteAllText(Path.Combine(Directory, "mode"), mode);

    public IReadOnlyList<MimeMessage> Received() =>
        System.IO.Directory.GetFiles(Directory, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList();

    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan within)
    {
        try
        {
            await Poll.UntilAsync(() => System.IO.Directory.GetFiles(Directory, "*.eml").Length >= count, within, $"{count} mails");
        }
        catch (TimeoutException)
        {
            // The caller asserts on what did arrive.
        }

        return Received();
    }

    public void Dispose()
    {
        Stop();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void SkipUnlessAvailable()
    {
        if (!File.Exists(Python))
        {
            Assert.Skip("python3-aiosmtpd not installed: no /usr/bin/python3");
        }

        using var check = Process.Start(new ProcessStartInfo(Python) { ArgumentList = { "-c", "import aiosmtpd" }, RedirectStandardError = true, UseShellExecute = false })!;
        check.WaitForExit(10_000);
        if (check.ExitCode != 0)
        {
            Assert.Skip("python3-aiosmtpd not installed: /usr/bin/python3 cannot import aiosmtpd (apt-get install python3-aiosmtpd)");
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
