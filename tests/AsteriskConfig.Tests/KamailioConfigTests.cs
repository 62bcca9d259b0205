using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AsteriskConfig.Tests;

/// <summary>
/// kamailio/kamailio.cfg, the site proxy the product ships: Debian's Kamailio accepts it as committed and with a
/// site's own values beside it, and the rules an operator relies on are in it. Its behaviour with two Asterisks,
/// phones and a carrier is shown by the real proxy-site tests. Skipped where Kamailio is not installed.
/// </summary>
public partial class KamailioConfigTests
{
    private static string Config => Path.Combine(RepoConfig.RepositoryRoot, "kamailio", "kamailio.cfg");

    [Fact]
    public async Task Kamailio_accepts_the_config_as_committed()
    {
        var kamailio = KamailioOrSkip();

        var (code, output) = await RunAsync(kamailio, "-c", "-f", Config);

        Assert.True(code == 0, $"kamailio -c -f kamailio/kamailio.cfg exited {code}:{Environment.NewLine}{output}");
        Assert.Contains("config file ok", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_site_file_beside_it_overrides_the_defaults_without_editing_it()
    {
        var kamailio = KamailioOrSkip();
        var site = Directory.CreateTempSubdirectory("leaddesk-kamailio-").FullName;
        try
        {
            File.Copy(Config, Path.Combine(site, "kamailio.cfg"));
            await File.WriteAllTextAsync(Path.Combine(site, "leaddesk-site.cfg"), """
                #!define LISTEN udp:127.0.0.1:15099
                #!define DBURL "postgres://kamailio:secret@db.example.net/leaddesk"
                #!define CARRIER_NET "198.51.100.0/28,203.0.113.7/32"
                """, TestContext.Current.CancellationToken);

            var (code, output) = await RunAsync(kamailio, "-c", "-f", Path.Combine(site, "kamailio.cfg"));

            Assert.True(code == 0, output);
            Assert.Matches(new Regex(@"udp: 127\.0\.0\.1( \[127\.0\.0\.1\])?:15099"), output);
        }
        finally
        {
            Directory.Delete(site, recursive: true);
        }
    }

    [Fact]
    public void Every_site_value_is_a_default_an_import_can_override_and_nothing_is_a_placeholder()
    {
        var text = File.ReadAllText(Config);
        Assert.Contains("import_file \"leaddesk-site.cfg\"", text, StringComparison.Ordinal);
        Assert.True(
            text.IndexOf("\nimport_file", StringComparison.Ordinal) < text.IndexOf("\n#!trydef", StringComparison.Ordinal), "the site file must come before the defaults");
        foreach (var name in new[] { "LISTEN", "DBURL", "AUTH_REALM", "CARRIER_NET", "DISPATCHER_LIST" })
        {
            Assert.Matches(new Regex($"^#!trydef {name} ", RegexOptions.Multiline), text);
        }

        Assert.DoesNotContain("CHANGE_ME", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"postgres://[^@""]*:[^@""]*@"), text);
    }

    [Fact]
    public void The_rules_the_asterisks_rely_on_are_there()
    {
        var text = File.ReadAllText(Config);

        // The marking header: removed from every request before anything else, added to the carrier's only.
        var removed = text.IndexOf("remove_hf(\"X-LeadDesk-Source\")", StringComparison.Ordinal);
        Assert.True(removed > 0 && removed < text.IndexOf("route(FROM_CARRIER)", StringComparison.Ordinal));
        Assert.Single(AddsHeader().Matches(text));
        // A stopped Asterisk must leave the set: the proxy's own 408 for an unanswered probe is not "alive".
        Assert.Contains("modparam(\"dispatcher\", \"ds_ping_reply_codes\", \"class=2\")", text, StringComparison.Ordinal);
        // Phones act only as the extension they authenticated as.
        Assert.Contains("if ($fU != $au)", text, StringComparison.Ordinal);
        Assert.Contains("if ($tU != $au)", text, StringComparison.Ordinal);
        Assert.Contains("t_check_status(\"500|503\")", text, StringComparison.Ordinal);
        Assert.Contains("record_route()", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"append_hf\(""X-LeadDesk-Source: carrier")]
    private static partial Regex AddsHeader();

    private static string KamailioOrSkip()
    {
        var path = Environment.GetEnvironmentVariable("KAMAILIO_BIN") is { Length: > 0 } env ? env : "/usr/sbin/kamailio";
        if (!File.Exists(path))
        {
            Assert.Skip($"kamailio not found at {path} (apt-get install kamailio kamailio-postgres-modules; .ci/run installs them)");
        }

        return path;
    }

    private static async Task<(int Code, string Output)> RunAsync(string binary, params string[] arguments)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }
}
