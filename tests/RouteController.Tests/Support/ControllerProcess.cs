using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RouteController.Tests.Support;

/// <summary>
/// The built controller run as admins run it (<c>dotnet RouteController.dll</c>) with settings in its environment,
/// its stdout and stderr captured, in a temp folder that is also its XDG data home. Killed when disposed.
/// </summary>
internal sealed class ControllerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private ControllerProcess(Process process, string directory)
    {
        _process = process;
        Directory = directory;
    }

    public string Directory { get; }

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>The controller's dll as built beside this test project (same configuration).</summary>
    public static string DllPath()
    {
        var here = AppContext.BaseDirectory;
        var configuration = here.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = new DirectoryInfo(here);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "LeadDesk.Ari.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var dll = Path.Combine(root.FullName, "src", "RouteController", "bin", configuration, "net10.0", "RouteController.dll");
        Assert.True(File.Exists(dll), $"build the controller first: {dll} is missing");
        return dll;
    }

    public static string FreeLoopbackUrl() => $"http://127.0.0.1:{FreePort()}/";

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Starts the controller; settings not given get test defaults (no health endpoint, a temp database, fast reconnects).</summary>
    public static ControllerProcess Start(Dictionary<string, string?> environment)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("leaddesk-process-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add(DllPath());
        start.Environment["XDG_DATA_HOME"] = Path.Combine(directory, "xdg");
        start.Environment["Health__Url"] = "";
        start.Environment["Database__Path"] = Path.Combine(directory, "leaddesk.db");
        start.Environment["Ari__ReconnectInitialDelay"] = "00:00:00.100";
        start.Environment["Ari__ReconnectMaxDelay"] = "00:00:00.300";
        start.Environment["Ari__Password"] = "test-only-password";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var controller = new ControllerProcess(process, directory);
        process.OutputDataReceived += (_, e) => { lock (controller._stdout) controller._stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (controller._stderr) controller._stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return controller;
    }

    /// <summary>Waits for the process to end by itself (a refused start); fails the test after the deadline.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the controller still runs after {deadline}; stderr: {Stderr}");
        }

        // Let the asynchronous readers drain what the process wrote last.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
