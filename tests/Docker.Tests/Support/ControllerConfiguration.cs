using System.Reflection;
using System.Text.RegularExpressions;
using LeadDesk.RouteController.Hosting;

namespace Docker.Tests.Support;

/// <summary>
/// The configuration keys the controller reads, as <c>Section:Key</c>; in the environment they are
/// <c>Section__Key</c>. Read from the controller's own assemblies, not kept by hand: every options type with a
/// <c>SectionName</c> constant is a section, and its public settable properties are that section's keys.
/// </summary>
internal static partial class ControllerConfiguration
{
    /// <summary>
    /// Keys the controller reads without an options type: <c>Database:Path</c> is read directly where the store is
    /// registered (Hosting/StoreRegistration.cs), because the CLI opens the same store from its <c>--db</c> option.
    /// </summary>
    private static readonly (string Section, string Key)[] ReadDirectly = [("Database", "Path")];

    /// <summary>Section name -> its keys, for every section the controller binds.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Sections { get; } = ReadSections();

    /// <summary>Sections whose keys are open-ended (Logging:LogLevel:Category ...).</summary>
    public static readonly IReadOnlySet<string> OpenSections = new HashSet<string>(StringComparer.Ordinal) { "Logging" };

    /// <summary>Environment variables that are not configuration keys but the runtime's own.</summary>
    public static bool IsRuntimeVariable(string name) =>
        name.StartsWith("DOTNET_", StringComparison.Ordinal) || name.StartsWith("ASPNETCORE_", StringComparison.Ordinal);

    public static bool HasSectionKeyShape(string name) => SectionKeyPattern().IsMatch(name);

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

        if (!Sections.TryGetValue(section, out var keys))
        {
            return $"{name}: the controller has no section {section}";
        }

        return keys.Contains(key) ? null : $"{name}: {section} options have no property {key}";
    }

    /// <summary>The controller's assembly and the LeadDesk assemblies it binds options from (the ARI client's <c>Ari</c>).</summary>
    private static IEnumerable<Assembly> ControllerAssemblies()
    {
        var controller = typeof(ControllerHost).Assembly;
        yield return controller;
        foreach (var reference in controller.GetReferencedAssemblies())
        {
            if (reference.Name?.StartsWith("LeadDesk.", StringComparison.Ordinal) == true)
            {
                yield return Assembly.Load(reference);
            }
        }
    }

    private static Dictionary<string, IReadOnlySet<string>> ReadSections()
    {
        var sections = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in ControllerAssemblies().SelectMany(a => a.GetTypes()))
        {
            var field = type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static);
            if (field is not { IsLiteral: true } || field.GetRawConstantValue() is not string section)
            {
                continue;
            }

            var keys = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
                .Select(p => p.Name);
            Add(sections, section, keys);
        }

        foreach (var (section, key) in ReadDirectly)
        {
            Add(sections, section, [key]);
        }

        return sections.ToDictionary(s => s.Key, s => (IReadOnlySet<string>)s.Value, StringComparer.Ordinal);
    }

    private static void Add(Dictionary<string, HashSet<string>> sections, string section, IEnumerable<string> keys)
    {
        if (!sections.TryGetValue(section, out var set))
        {
            sections[section] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.UnionWith(keys);
    }

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*(__[A-Z][A-Za-z0-9]*)+$")]
    private static partial Regex SectionKeyPattern();
}
