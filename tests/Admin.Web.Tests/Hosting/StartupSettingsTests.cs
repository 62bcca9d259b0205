using System.Diagnostics;

namespace Admin.Web.Tests.Hosting;

/// <summary>A bad setting stops the web admin at start with one line and exit 78, as it stops the controller.</summary>
public class StartupSettingsTests
{
    [Theory]
    [InlineData("--WebAdmin:SignInPermits=0", "WebAdmin:SignInPermits '0' must be between 1 and 10000")]
    [InlineData("--WebAdmin:KnownProxies=10.0.0.0/99", "WebAdmin:KnownProxies '10.0.0.0/99' is not an IP address or network")]
    [InlineData("--WebAdmin:LockoutDuration=-00:05:00", "WebAdmin:LockoutDuration '-00:05:00' must be a positive duration")]
    [InlineData("--Routing:DefaultRegion=XX", "Routing:DefaultRegion 'XX' is not a known region code")]
    [InlineData("--AllowedHosts=bad host!", "AllowedHosts 'bad host!' is not a host name")]
    [InlineData("--WebAdmin:SessionIdle=soon", "Failed to convert configuration value")]
    public async Task A_bad_setting_stops_it_with_one_line_and_exit_78(string setting, string said)
    {
        var directory = Directory.CreateTempSubdirectory("leaddesk-web-start-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[]
                     {
                         Path.Combine(AppContext.BaseDirectory, "leaddesk-web.dll"), "--urls=http://127.0.0.1:0",
                         $"--Database:Path={Path.Combine(directory, "leaddesk.db")}", setting,
                     })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync(WebHarness.Ct);
            var output = process.StandardOutput.ReadToEndAsync(WebHarness.Ct);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(WebHarness.Ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("the web admin did not stop on a bad setting within 60 s: " + await output);
            }

            var lines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(78, process.ExitCode);
            Assert.Single(lines);
            Assert.StartsWith("leaddesk-web: ", lines[0], StringComparison.Ordinal);
            Assert.Contains(said, lines[0], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
