using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LeadDesk.Ari.Client;
using LeadDesk.RouteController.Agents;
using LeadDesk.RouteController.Greetings;
using LeadDesk.RouteController.Health;
using LeadDesk.RouteController.Outbound;
using LeadDesk.RouteController.Routing;
using LeadDesk.RouteController.Voicemail;
using LeadDesk.Store;
using Microsoft.Extensions.Configuration;
using LeadDesk.RouteController.Voicemail.Mail;

namespace RouteController.Tests.Hosting;

/// <summary>
/// A setting's default is written in four places: the options class's initialiser (what the program uses), its
/// <c>&lt;value&gt;</c> doc comment, the <c>appsettings.json</c> files that ship, and the docs (README.md, docs/).
/// Each test holds one of the others to the code, so a default changed in one place fails here until all agree.
/// </summary>
public sealed partial class SettingsAgreementTests
{
    /// <summary>Every options section the controller, the CLI and the web admin bind from configuration (the web admin's own <c>WebAdmin</c> aside).</summary>
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        [AriOptions.SectionName] = typeof(AriOptions),
        [StoreOptions.SectionName] = typeof(StoreOptions),
        [RoutingOptions.SectionName] = typeof(RoutingOptions),
        [AgentsOptions.SectionName] = typeof(AgentsOptions),
        [OutboundOptions.SectionName] = typeof(OutboundOptions),
        [VoicemailOptions.SectionName] = typeof(VoicemailOptions),
        [SmtpOptions.SectionName] = typeof(SmtpOptions),
        [GreetingOptions.SectionName] = typeof(GreetingOptions),
        [HealthOptions.SectionName] = typeof(HealthOptions),
    };

    /// <summary>Secrets ship as a placeholder that says where to set them (the controller warns while one is in use).</summary>
    private static bool IsSecretPlaceholder(string key, string? value) =>
        key.EndsWith(":Password", StringComparison.Ordinal) && value is not null
        && value.StartsWith("set ", StringComparison.Ordinal) && value.EndsWith(" in the environment", StringComparison.Ordinal);

    public static TheoryData<string> AppSettingsFiles => new()
    {
        "src/RouteController/appsettings.json",
        "src/Admin.Cli/appsettings.json",
        "src/Admin.Web/appsettings.json",
    };

    [Theory]
    [MemberData(nameof(AppSettingsFiles))]
    public void An_appsettings_file_repeats_the_options_defaults_and_names_only_settings_that_exist(string file)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepoRoot(), file)).Build();
        var problems = new List<string>();
        foreach (var section in configuration.GetChildren().Where(s => Sections.ContainsKey(s.Key)))
        {
            var type = Sections[section.Key];
            var defaults = Activator.CreateInstance(type)!;
            var bound = section.Get(type) ?? Activator.CreateInstance(type)!;
            foreach (var setting in section.GetChildren())
            {
                var key = $"{section.Key}:{setting.Key}";
                if (Property(type, setting.Key) is not { } property)
                {
                    problems.Add($"{file}: {key} is not a setting of {type.Name}");
                }
                else if (!IsSecretPlaceholder(key, setting.Value) && Text(property.GetValue(bound)) != Text(property.GetValue(defaults)))
                {
                    problems.Add($"{file}: {key} is '{setting.Value}', the default in {type.Name} is '{Text(property.GetValue(defaults))}'");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Every_setting_documents_its_default_and_the_doc_comment_says_the_default_the_code_has()
    {
        var docs = new[] { typeof(AriOptions), typeof(StoreOptions), typeof(RoutingOptions) }
            .Select(t => t.Assembly).Distinct()
            .SelectMany(a => XDocument.Load(Path.ChangeExtension(a.Location, ".xml")).Descendants("member"))
            .Where(m => ((string)m.Attribute("name")!).StartsWith("P:", StringComparison.Ordinal))
            .ToDictionary(m => (string)m.Attribute("name")!, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (section, type) in Sections)
        {
            var defaults = Activator.CreateInstance(type)!;
            foreach (var property in Settings(type))
            {
                var key = $"{section}:{property.Name}";
                if (!docs.TryGetValue($"P:{type.FullName}.{property.Name}", out var member) || member.Element("value") is not { } value)
                {
                    problems.Add($"{key}: no <value>Default: ...</value> in the doc comment of {type.Name}.{property.Name}");
                    continue;
                }

                var documented = DocumentedDefault(value);
                if (documented is null)
                {
                    problems.Add($"{key}: <value> does not start with 'Default:' ({value.Value})");
                }
                else if (!Same(documented, property.GetValue(defaults)))
                {
                    problems.Add($"{key}: the doc comment says '{documented}', the code's default is '{Text(property.GetValue(defaults))}'");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_docs_say_the_defaults_the_code_has()
    {
        var root = RepoRoot();
        var files = new[] { Path.Combine(root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md"));
        var problems = new List<string>();
        var checkedKeys = 0;
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(root, file);
            var text = File.ReadAllText(file);
            // In prose: `Routing:RingTimeoutSeconds` (25, ...), `Health:Url` (`http://...`, ...), `X:Y` (default `z`...),
            // `X:Y`, default `z`. In a table: | `X:Y` | default | meaning |.
            foreach (Match match in ProseDefault().Matches(text.ReplaceLineEndings(" ")).Concat(TableDefault().Matches(text)))
            {
                var key = match.Groups["key"].Value;
                var parts = key.Split(':');
                if (!Sections.TryGetValue(parts[0], out var type) || Property(type, parts[1]) is not { } property)
                {
                    continue;
                }

                checkedKeys++;
                var documented = Unquote(match.Groups["value"].Value);
                var actual = property.GetValue(Activator.CreateInstance(type));
                if (!Same(documented, actual))
                {
                    problems.Add($"{name}: {key} is said to default to '{documented}', the code's default is '{Text(actual)}'");
                }
            }
        }

        Assert.True(checkedKeys >= 10, $"only {checkedKeys} defaults found in the docs: has their wording changed?");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static IEnumerable<PropertyInfo> Settings(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic);

    private static PropertyInfo? Property(Type type, string key) =>
        Settings(type).FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>What follows <c>Default:</c> in a <c>&lt;value&gt;</c>: the first <c>&lt;c&gt;</c>, else the first word.</summary>
    private static string? DocumentedDefault(XElement value)
    {
        var text = string.Concat(value.Nodes().Select(n => n.ToString())).Trim();
        if (!text.StartsWith("Default:", StringComparison.Ordinal))
        {
            return null;
        }

        text = text["Default:".Length..].Trim();
        if (value.Element("c") is { } code && text.StartsWith("<c>", StringComparison.Ordinal))
        {
            return code.Value;
        }

        return Regex.Match(text, @"^[^\s.,(]+").Value;
    }

    /// <summary>A documented default against the code's: <c>empty</c> is null or "", durations as <c>5 s</c>, <c>500 ms</c>, <c>5 min</c> or <c>00:00:05</c>.</summary>
    private static bool Same(string documented, object? actual)
    {
        if (documented == "empty")
        {
            documented = "";
        }

        if (actual is TimeSpan span)
        {
            var unit = Regex.Match(documented, @"^(?<n>\d+(?:\.\d+)?) ?(?<unit>ms|s|min|h)$");
            if (unit.Success)
            {
                var n = double.Parse(unit.Groups["n"].Value, CultureInfo.InvariantCulture);
                return span == unit.Groups["unit"].Value switch
                {
                    "ms" => TimeSpan.FromMilliseconds(n),
                    "s" => TimeSpan.FromSeconds(n),
                    "min" => TimeSpan.FromMinutes(n),
                    _ => TimeSpan.FromHours(n),
                };
            }

            return TimeSpan.TryParse(documented, CultureInfo.InvariantCulture, out var parsed) && parsed == span;
        }

        return string.Equals(documented, Text(actual), StringComparison.Ordinal);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Unquote(string value) => value.Trim().Trim('`');

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LeadDesk.Ari.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return directory.FullName;
    }

    [GeneratedRegex(@"`(?<key>[A-Z][A-Za-z]+:[A-Z][A-Za-z]+)`(?: \((?:default )?|, default )(?<value>`[^`]*`|[^`,;:)\s]+)")]
    private static partial Regex ProseDefault();

    [GeneratedRegex(@"^\| `(?<key>[A-Z][A-Za-z]+:[A-Z][A-Za-z]+)` \| (?<value>`[^`]*`|[^`|\s]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableDefault();
}
