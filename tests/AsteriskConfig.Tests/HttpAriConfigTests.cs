using AsteriskConfig.Tests.Parsing;

namespace AsteriskConfig.Tests;

/// <summary>http.conf and ari.conf: ARI on loopback, a write-capable user, no default secrets.</summary>
public class HttpAriConfigTests
{
    public const string AriPasswordPlaceholder = "CHANGE_ME_ari_password";

    /// <summary>Passwords a scanner tries first; none may appear in the shipped files.</summary>
    public static readonly string[] WeakPasswords =
        ["asterisk", "admin", "1234", "12345", "123456", "password", "secret", "changeme", "pass", "test", "ari", "leaddesk", "lab", "1001", "1002"];

    [Fact]
    public void Http_server_is_enabled_on_loopback_port_8088()
    {
        var conf = RepoConfig.Load("http.conf");
        Assert.Empty(conf.Errors);
        var g = conf.First("general") ?? throw new InvalidOperationException("http.conf has no [general]");
        Assert.True(conf.Get(g, "enabled") == "yes", "http.conf: enabled = yes (ARI runs on Asterisk's HTTP server)");
        var bind = conf.Get(g, "bindaddr");
        Assert.True(bind is "127.0.0.1" or "::1", $"http.conf: bindaddr = {bind ?? "(unset)"}; ARI controls every call, so it must stay on loopback by default");
        Assert.Equal("8088", conf.Get(g, "bindport"));
        Assert.False(conf.Get(g, "enablestatic") == "yes", "http.conf: enablestatic serves files from disk; not needed for ARI");
        var tlsBind = conf.Get(g, "tlsbindaddr");
        Assert.True(conf.Get(g, "tlsenable") != "yes" || tlsBind is null || tlsBind.StartsWith("127.0.0.1", StringComparison.Ordinal),
            $"http.conf: TLS listener on {tlsBind} is not loopback");
    }

    [Fact]
    public void Ari_is_enabled_with_write_users_and_only_the_placeholder_password()
    {
        var conf = RepoConfig.Load("ari.conf");
        Assert.Empty(conf.Errors);
        var g = conf.First("general") ?? throw new InvalidOperationException("ari.conf has no [general]");
        Assert.Equal("yes", conf.Get(g, "enabled"));
        var users = conf.Sections.Where(s => !s.IsTemplate && conf.Get(s, "type") == "user").ToList();
        Assert.True(users.Count > 0, "ari.conf defines no ARI user (type = user)");
        Assert.Contains(users, u => u.Name == "leaddesk");
        foreach (var user in users)
        {
            Assert.True(conf.Get(user, "read_only") == "no", $"ari.conf [{user.Name}]: read_only = no (the controller answers, originates, bridges)");
            var passwords = conf.GetAll(user, "password").ToList();
            Assert.True(passwords.Count == 1, $"ari.conf [{user.Name}]: exactly one password line (found {passwords.Count})");
            Assert.True(passwords[0] == AriPasswordPlaceholder,
                $"ari.conf [{user.Name}]: the shipped password must be the documented placeholder {AriPasswordPlaceholder}, not `{passwords[0]}`");
            var format = conf.Get(user, "password_format") ?? "plain";
            Assert.True(format is "plain" or "crypt", $"ari.conf [{user.Name}]: password_format = {format}");
        }
    }

    [Theory]
    [InlineData("ari.conf")]
    [InlineData("pjsip.conf")]
    [InlineData("manager.conf")]
    public void No_weak_or_default_secrets(string file)
    {
        var conf = RepoConfig.Load(file);
        var bad = conf.Sections.SelectMany(s => s.Entries)
            .Where(e => e.Key.ToLowerInvariant() is "password" or "secret" or "md5_cred")
            .Where(e => WeakPasswords.Contains(e.Value, StringComparer.OrdinalIgnoreCase) || !e.Value.StartsWith("CHANGE_ME_", StringComparison.Ordinal))
            .Select(e => e.ToString()).ToList();
        Assert.True(bad.Count == 0, $"{file}: secrets must be CHANGE_ME_... placeholders (documented, replaced at install):{Environment.NewLine}{string.Join(Environment.NewLine, bad)}");
    }
}
