using System.Text.RegularExpressions;

namespace AsteriskConfig.Tests;

/// <summary>
/// Issue 30: what the operator docs (README's "Running against an Asterisk 22", docs/asterisk-config.md) claim about
/// asterisk-config/ and the first steps, checked against the files and against each other.
/// </summary>
public partial class OperatorDocsTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepoConfig.RepositoryRoot, "README.md"));
    private static readonly string ConfigDoc = File.ReadAllText(Path.Combine(RepoConfig.RepositoryRoot, "docs", "asterisk-config.md"));

    private static readonly string[] Shipped = Directory.GetFiles(RepoConfig.Directory, "*.conf").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();

    /// <summary>README's section from its heading to the next one of the same level.</summary>
    private static string ReadmeSection(string heading)
    {
        var start = Readme.IndexOf("## " + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no '## {heading}'");
        var end = Readme.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        return end < 0 ? Readme[start..] : Readme[start..end];
    }

    [Fact]
    public void The_file_table_of_asterisk_config_md_lists_exactly_the_shipped_files()
    {
        var table = ConfigDoc[..ConfigDoc.IndexOf("## Dialplan", StringComparison.Ordinal)];
        var listed = TableFileCell().Matches(table).SelectMany(m => ConfName().Matches(m.Groups[1].Value)).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(Shipped, listed);
    }

    [Fact]
    public void No_shipped_file_is_said_to_be_not_shipped()
    {
        var notShipped = NotShippedSentence().Matches(ConfigDoc).SelectMany(m => ConfName().Matches(m.Value)).Select(m => m.Value).ToList();

        Assert.NotEmpty(notShipped);
        Assert.Empty(notShipped.Intersect(Shipped));
    }

    [Fact]
    public void Both_install_steps_give_the_config_to_asterisk_and_keep_the_secrets_from_other_users()
    {
        foreach (var (name, text) in new[] { ("README", ReadmeSection("Running against an Asterisk 22")), ("docs/asterisk-config.md", ConfigDoc) })
        {
            Assert.True(text.Contains("sudo cp asterisk-config/*.conf /etc/asterisk/", StringComparison.Ordinal), $"{name}: the copy");
            Assert.True(text.Contains("sudo chown asterisk:asterisk /etc/asterisk/*.conf", StringComparison.Ordinal), $"{name}: the owner");
            Assert.True(text.Contains("sudo chmod 640 /etc/asterisk/ari.conf /etc/asterisk/pjsip.conf", StringComparison.Ordinal), $"{name}: chmod 640 of the files with passwords");
        }
    }

    [Fact]
    public void The_docs_tell_the_operator_to_bind_the_transport_to_one_address()
    {
        Assert.Contains("bind = 0.0.0.0:5060", File.ReadAllText(Path.Combine(RepoConfig.Directory, "pjsip.conf")), StringComparison.Ordinal);
        Assert.Contains("**transport address**: `pjsip.conf` `[transport-udp]` `bind =` the one address", ConfigDoc, StringComparison.Ordinal);
        Assert.Contains("the transport's `bind` to the one address", ReadmeSection("Running against an Asterisk 22"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_own_directories_recipe_names_every_directory_asterisk_writes_and_runs_with_minus_c()
    {
        var recipe = ConfigDoc[ConfigDoc.IndexOf("## Asterisk as your own user", StringComparison.Ordinal)..];
        foreach (var key in new[] { "astetcdir", "astmoddir", "astvarlibdir", "astdbdir", "astkeydir", "astdatadir", "astagidir", "astspooldir", "astrundir", "astlogdir", "astcachedir", "astsbindir" })
            Assert.Matches($@"\n{key} => \S+\n", recipe);
        Assert.Contains("asterisk -C $A/etc/asterisk.conf -f", recipe, StringComparison.Ordinal);
        Assert.Contains("asterisk -C $A/etc/asterisk.conf -rx", recipe, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_agents_add_example_gives_the_required_email_and_says_it_is_required()
    {
        var docs = Directory.GetFiles(Path.Combine(RepoConfig.RepositoryRoot, "docs"), "*.md").Append(Path.Combine(RepoConfig.RepositoryRoot, "README.md"));
        foreach (var file in docs)
        {
            foreach (var line in File.ReadLines(file).Where(l => l.Contains("agents add ", StringComparison.Ordinal) && l.Contains("--extension", StringComparison.Ordinal)))
                Assert.True(line.Contains("--email ", StringComparison.Ordinal), $"{Path.GetFileName(file)}: '{line}' lacks the required --email");
        }

        Assert.Contains("--email is required", Readme, StringComparison.Ordinal);
        Assert.Contains("--email is required", ConfigDoc, StringComparison.Ordinal);
    }

    [Fact]
    public void The_asterisk_steps_end_with_a_registered_phone_and_the_call_log()
    {
        var section = ReadmeSection("Running against an Asterisk 22");
        Assert.Contains("leaddesk-admin calls list", section, StringComparison.Ordinal);
        Assert.Contains("pjsip show contacts", section, StringComparison.Ordinal);
        Assert.Contains("leaddesk-admin calls list", ConfigDoc, StringComparison.Ordinal);
        Assert.Contains("pjsip show contacts", ConfigDoc, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?m)^\| ([^|]*\.conf[^|]*) \|")]
    private static partial Regex TableFileCell();

    [GeneratedRegex(@"[\w-]+\.conf\b")]
    private static partial Regex ConfName();

    [GeneratedRegex(@"Files we do not ship \([^)]*\)")]
    private static partial Regex NotShippedSentence();
}
