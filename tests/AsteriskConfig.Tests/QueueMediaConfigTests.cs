namespace AsteriskConfig.Tests;

/// <summary>queues.conf, indications.conf, musiconhold.conf, rtp.conf.</summary>
public class QueueMediaConfigTests
{
    [Fact]
    public void The_support_queue_lists_no_members_the_store_has_them_and_no_Local_members()
    {
        var conf = RepoConfig.Load("queues.conf");
        Assert.Empty(conf.Errors);
        var support = conf.First("support") ?? throw new Xunit.Sdk.XunitException("queues.conf has no [support] queue");
        Assert.Empty(conf.GetAll(support, "member"));
        var local = conf.Sections.SelectMany(s => conf.GetAll(s, "member")).Where(m => !m.StartsWith("PJSIP/", StringComparison.Ordinal)).ToList();
        Assert.True(local.Count == 0, "queue members must be PJSIP endpoints (a Local/ member runs dialplan for a carrier call): " + string.Join(", ", local));
    }

    [Fact]
    public void Tone_zone_has_the_busy_congestion_and_information_tones()
    {
        var conf = RepoConfig.Load("indications.conf");
        Assert.Empty(conf.Errors);
        var country = conf.Get(conf.First("general") ?? throw new Xunit.Sdk.XunitException("indications.conf has no [general]"), "country");
        Assert.Equal("fi", country);
        var zone = conf.First(country!) ?? throw new Xunit.Sdk.XunitException($"indications.conf: default country {country} has no [{country}] zone");
        foreach (var tone in new[] { "busy", "congestion", "info", "ring" })
            Assert.False(string.IsNullOrWhiteSpace(conf.Get(zone, tone)), $"indications.conf [{country}] needs `{tone}` (busy / not-in-service / fallback treatments)");
    }

    [Fact]
    public void Music_on_hold_has_a_default_class()
    {
        var conf = RepoConfig.Load("musiconhold.conf");
        Assert.Empty(conf.Errors);
        var d = conf.First("default") ?? throw new Xunit.Sdk.XunitException("musiconhold.conf has no [default] class (queues use it)");
        Assert.Equal("files", conf.Get(d, "mode"));
    }

    [Fact]
    public void Rtp_range_is_sane()
    {
        var conf = RepoConfig.Load("rtp.conf");
        var g = conf.First("general")!;
        Assert.True(int.TryParse(conf.Get(g, "rtpstart"), out var start) && int.TryParse(conf.Get(g, "rtpend"), out var end) && start >= 1024 && end > start + 10,
            "rtp.conf: rtpstart/rtpend must be an unprivileged range with room for calls");
    }

    [Fact]
    public void No_config_file_uses_exec_or_fails_to_parse()
    {
        var problems = new List<string>();
        foreach (var path in Directory.GetFiles(RepoConfig.Directory, "*.conf"))
        {
            var f = Parsing.AsteriskConfigFile.Load(RepoConfig.Directory, Path.GetFileName(path));
            problems.AddRange(f.Errors);
            problems.AddRange(f.ExecDirectives.Select(e => "#exec runs a program: " + e));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
