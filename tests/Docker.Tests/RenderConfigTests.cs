using System.Diagnostics;
using Docker.Tests.Support;

namespace Docker.Tests;

/// <summary>
/// docker/asterisk/render-config.sh, run for real with bash on a temporary folder: it is what puts the
/// passwords from docker/.env into the Asterisk configuration at container start.
/// </summary>
public sealed class RenderConfigTests : IDisposable
{
    private const string SamplePjsip = """
        [transport-udp]
        type=transport
        protocol=udp
        bind=0.0.0.0:5060

        [agent-auth](!)
        type=auth
        auth_type=userpass
        password=CHANGE_ME

        [1001](agent-auth)
        username=1001
        password=CHANGE_ME ; placeholder

        [1002]
        type=auth
        username=1002
        password = CHANGE_ME

        [carrier-identify]
        match=203.0.113.1
        match=203.0.113.2
        type=identify
        endpoint=carrier
        """;

    private const string SampleAri = """
        [general]
        enabled = yes

        [leaddesk]
        type = user
        password = CHANGE_ME
        password_format = plain
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("leaddesk-render-").FullName;

    private string Src => Path.Combine(_dir, "src");

    private string Dst => Path.Combine(_dir, "dst");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Passwords_come_from_the_environment_per_section()
    {
        WriteSample();
        var run = Render(new() { ["ARI_PASSWORD"] = "ari&Secret1", ["SIP_PASSWORD_1001"] = "alice-pw", ["SIP_PASSWORD_1002"] = "bob-pw" });

        Assert.True(run.ExitCode == 0, run.Stderr);
        var ari = File.ReadAllText(Path.Combine(Dst, "ari.conf"));
        Assert.Contains("password = ari&Secret1", ari, StringComparison.Ordinal);
        Assert.Contains("password_format = plain", ari, StringComparison.Ordinal);
        var pjsip = File.ReadAllText(Path.Combine(Dst, "pjsip.conf"));
        Assert.Contains("username=1001\npassword=alice-pw", pjsip, StringComparison.Ordinal);
        Assert.Contains("username=1002\npassword=bob-pw", pjsip, StringComparison.Ordinal);
        Assert.Contains("auth_type=userpass\npassword=CHANGE_ME", pjsip, StringComparison.Ordinal); // templates untouched
        Assert.Contains("match=203.0.113.1", pjsip, StringComparison.Ordinal);                      // no CARRIER_MATCH: kept
        Assert.DoesNotContain("external_media_address", pjsip, StringComparison.Ordinal);
        Assert.Contains("rtpstart=10000", File.ReadAllText(Path.Combine(Dst, "rtp.conf")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_sip_password_stops_the_start_and_names_the_variable()
    {
        WriteSample();
        var run = Render(new() { ["ARI_PASSWORD"] = "ari-pw", ["SIP_PASSWORD_1001"] = "alice-pw" });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("set SIP_PASSWORD_1002 in docker/.env", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Dst, "pjsip.conf.new")));
    }

    [Theory]
    [InlineData("ARI_PASSWORD", "", "set ARI_PASSWORD")]
    [InlineData("ARI_PASSWORD", "CHANGE_ME", "placeholder")]
    [InlineData("SIP_PASSWORD_1001", "CHANGE_ME", "placeholder")]
    [InlineData("SIP_PASSWORD_1001", "a;b", "must not contain")]
    [InlineData("ARI_PASSWORD", "two words", "must not contain")]
    public void Placeholders_and_values_asterisk_would_cut_are_refused(string variable, string value, string message)
    {
        WriteSample();
        var env = new Dictionary<string, string> { ["ARI_PASSWORD"] = "ari-pw", ["SIP_PASSWORD_1001"] = "a", ["SIP_PASSWORD_1002"] = "b" };
        env[variable] = value;
        var run = Render(env);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Nat_addresses_and_the_carrier_match_are_set_when_given()
    {
        WriteSample();
        var run = Render(new()
        {
            ["ARI_PASSWORD"] = "ari-pw", ["SIP_PASSWORD_1001"] = "a", ["SIP_PASSWORD_1002"] = "b",
            ["SIP_EXTERNAL_ADDRESS"] = "192.0.2.10", ["CARRIER_MATCH"] = "192.0.2.20",
        });

        Assert.True(run.ExitCode == 0, run.Stderr);
        var pjsip = File.ReadAllText(Path.Combine(Dst, "pjsip.conf"));
        Assert.Contains("bind=0.0.0.0:5060\n\nexternal_media_address=192.0.2.10\nexternal_signaling_address=192.0.2.10\n[agent-auth]", pjsip, StringComparison.Ordinal);
        Assert.Contains("[carrier-identify]\nmatch=192.0.2.20\ntype=identify", pjsip, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113", pjsip, StringComparison.Ordinal);
    }

    [Fact]
    public void The_real_asterisk_config_renders_with_exactly_the_passwords_compose_passes()
    {
        Assert.SkipUnless(
            File.Exists(Path.Combine(Repo.AsteriskConfigDir, "pjsip.conf")) && File.Exists(Path.Combine(Repo.AsteriskConfigDir, "ari.conf")),
            "asterisk-config/ has no pjsip.conf and ari.conf yet");

        // The variables compose hands to the asterisk service, with test values.
        var env = Compose.LoadRepo().Environment("asterisk").Keys
            .Where(k => k.Contains("PASSWORD", StringComparison.Ordinal))
            .ToDictionary(k => k, k => "test-" + k.ToLowerInvariant().Replace('_', '-'));
        var run = Render(env, Repo.AsteriskConfigDir);

        Assert.True(run.ExitCode == 0, "compose does not pass every password asterisk-config/ needs:\n" + run.Stderr);
        var ari = File.ReadAllText(Path.Combine(Dst, "ari.conf"));
        Assert.Contains("password = test-ari-password", ari, StringComparison.Ordinal);
        Assert.Equal(ComposeTests.RtpRange(), RtpRangeOf(File.ReadAllText(Path.Combine(Dst, "rtp.conf"))));
    }

    private static (int, int) RtpRangeOf(string text)
    {
        int Value(string key) => int.Parse(
            text.Split('\n').Select(l => l.Split(';')[0].Trim()).First(l => l.StartsWith(key, StringComparison.Ordinal)).Split('=')[1].Trim(),
            System.Globalization.CultureInfo.InvariantCulture);
        return (Value("rtpstart"), Value("rtpend"));
    }

    private void WriteSample()
    {
        Directory.CreateDirectory(Src);
        File.WriteAllText(Path.Combine(Src, "pjsip.conf"), SamplePjsip.ReplaceLineEndings("\n") + "\n");
        File.WriteAllText(Path.Combine(Src, "ari.conf"), SampleAri.ReplaceLineEndings("\n") + "\n");
    }

    private (int ExitCode, string Stderr) Render(Dictionary<string, string> env, string? source = null)
    {
        Assert.SkipUnless(File.Exists("/bin/bash"), "bash is not installed");
        var start = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Repo.DockerDir, "asterisk", "render-config.sh"));
        start.ArgumentList.Add(source ?? Src);
        start.ArgumentList.Add(Dst);
        foreach (var key in start.Environment.Keys.Where(k => k.Contains("PASSWORD", StringComparison.Ordinal) || k is "SIP_EXTERNAL_ADDRESS" or "CARRIER_MATCH" or "SIP_LOCAL_NET").ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(20)), "render-config.sh did not finish");
        return (process.ExitCode, stderr.GetAwaiter().GetResult());
    }
}
