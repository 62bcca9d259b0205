using System.Text.RegularExpressions;

namespace Docker.Tests.Support;

/// <summary>
/// The configuration keys the controller reads (issues 5, 7, 8 and docs/ari-client.md), as
/// <c>Section:Key</c>; in the environment they are <c>Section__Key</c>. When src/ already declares the
/// options class of a section (<c>SectionName = "X"</c>), its public properties are the truth instead.
/// </summary>
internal static partial class ControllerConfiguration
{
    public static readonly IReadOnlyDictionary<string, string[]> Contract = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Ari"] =
        [
            "BaseUrl", "Username", "Password", "Application", "RequestTimeout", "ReconnectInitialDelay",
            "ReconnectMaxDelay", "ReconnectResetAfter", "PingInterval", "PingTimeout", "ConnectTimeout",
        ],
        ["Database"] = ["Path"],
        ["Routing"] = ["DefaultRegion", "RingTimeoutSeconds", "BusyToneSeconds", "OutboundTrunk"],
        ["Health"] = ["Url"],
        ["Smtp"] = ["Host", "Port", "Security", "Username", "Password", "From"],
        ["Voicemail"] = ["MaxSeconds", "MinSeconds"],
    };

    /// <summary>Sections whose keys are open-ended (Logging:LogLevel:Category ...).</summary>
    public static readonly IReadOnlySet<string> OpenSections = new HashSet<string>(StringComparer.Ordinal) { "Logging" };

    /// <summary>Environment variables that are not configuration keys but the runtime's own.</summary>
    public static bool IsRuntimeVariable(string name) =>
        name.StartsWith("DOTNET_", StringComparison.Ordinal) || name.StartsWith("ASPNETCORE_", StringComparison.Ordinal);

    public static bool HasSectionKeyShape(string name) => SectionKeyPattern().IsMatch(name);

    /// <summary>Public settable properties of the options class whose SectionName is <paramref name="section"/>, or null.</summary>
    public static IReadOnlySet<string>? PropertiesDeclaredInSource(string section)
    {
        var src = Repo.PathOf("src");
        if (!Directory.Exists(src))
        {
            return null;
        }

        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            if (!text.Contains($"SectionName = \"{section}\"", StringComparison.Ordinal))
            {
                continue;
            }

            return PropertyPattern().Matches(text).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        }

        return null;
    }

    /// <summary>Why <paramref name="name"/> (Section__Key) is not a key the controller reads, or null when it is.</summary>
    public static string? Problem(string name)
    {
        if (IsRuntimeVariable(name))
        {
            return null;
        }

        if (!HasSectionKeyShape(name))
        {
            return $"{name} is not Section__Key";
        }

        var parts = name.Split("__");
        var (section, key) = (parts[0], parts[1]);
        if (OpenSections.Contains(section))
        {
            return null;
        }

        if (!Contract.TryGetValue(section, out var keys))
        {
            return $"{name}: the controller has no section {section}";
        }

        var declared = PropertiesDeclaredInSource(section);
        if (declared is not null)
        {
            return declared.Contains(key) ? null : $"{name}: {section} options in src/ have no property {key}";
        }

        return keys.Contains(key, StringComparer.Ordinal) ? null : $"{name}: {key} is not a {section} key";
    }

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*(__[A-Z][A-Za-z0-9]*)+$")]
    private static partial Regex SectionKeyPattern();

    [GeneratedRegex(@"public\s+(?!const|static)[\w<>?\[\],. ]+?\s+(?<name>[A-Z]\w*)\s*\{\s*get;\s*(set|init);")]
    private static partial Regex PropertyPattern();
}
