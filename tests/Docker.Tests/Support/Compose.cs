using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Docker.Tests.Support;

/// <summary>docker/compose.yml as compose reads it: services, their environment, ports and volumes.</summary>
internal sealed partial class Compose
{
    private Compose(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    public static Compose Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return new Compose((YamlMappingNode)stream.Documents.Single().RootNode);
    }

    public static Compose LoadRepo() => Load(Path.Combine(Repo.DockerDir, "compose.yml"));

    public YamlMappingNode Services => Yaml.Map(Root, "services") ?? throw new InvalidOperationException("no services");

    public IReadOnlyList<string> ServiceNames => Services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();

    public YamlMappingNode Service(string name) =>
        Yaml.Map(Services, name) ?? throw new InvalidOperationException($"no service {name}");

    public IReadOnlyList<string> DeclaredVolumes =>
        Yaml.Map(Root, "volumes")?.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList() ?? [];

    /// <summary>The service's environment, in either of compose's two forms (mapping or KEY=VALUE list).</summary>
    public IReadOnlyDictionary<string, string> Environment(string service)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (Yaml.Child(Service(service), "environment"))
        {
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                {
                    result[((YamlScalarNode)k).Value!] = (v as YamlScalarNode)?.Value ?? "";
                }

                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children.Cast<YamlScalarNode>())
                {
                    var text = item.Value!;
                    var eq = text.IndexOf('=', StringComparison.Ordinal);
                    result[eq < 0 ? text : text[..eq]] = eq < 0 ? "" : text[(eq + 1)..];
                }

                break;
        }

        return result;
    }

    public IReadOnlyList<PortMapping> Ports(string service) =>
        Yaml.Seq(Service(service), "ports")?.Children.Select(n => PortMapping.Parse(((YamlScalarNode)n).Value!)).ToList() ?? [];

    public IReadOnlyList<VolumeMount> Volumes(string service) =>
        Yaml.Seq(Service(service), "volumes")?.Children.Select(n => VolumeMount.Parse(((YamlScalarNode)n).Value!)).ToList() ?? [];

    /// <summary>Every <c>${NAME...}</c> that compose interpolates anywhere in the file.</summary>
    public static IReadOnlyList<Interpolation> Interpolations(string text) =>
        InterpolationPattern().Matches(text)
            .Select(m => new Interpolation(m.Groups["name"].Value, m.Groups["op"].Value, m.Groups["rest"].Value))
            .ToList();

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<op>:?[-?+])?(?<rest>[^}]*)\}")]
    private static partial Regex InterpolationPattern();
}

internal sealed record Interpolation(string Name, string Operator, string Rest)
{
    public bool IsRequired => Operator is ":?" or "?";
}

/// <summary>Compose's short port syntax: [HOST_IP:]HOST:CONTAINER[/PROTOCOL], ports may be ranges.</summary>
internal sealed record PortMapping(string? HostIp, string HostPorts, string ContainerPorts, string Protocol)
{
    public static PortMapping Parse(string text)
    {
        var protocol = "tcp";
        var slash = text.LastIndexOf('/');
        if (slash >= 0)
        {
            protocol = text[(slash + 1)..];
            text = text[..slash];
        }

        var parts = text.Split(':');
        return parts.Length switch
        {
            1 => new PortMapping(null, parts[0], parts[0], protocol),
            2 => new PortMapping(null, parts[0], parts[1], protocol),
            3 => new PortMapping(parts[0], parts[1], parts[2], protocol),
            _ => throw new FormatException($"unexpected port mapping {text}"),
        };
    }

    public (int From, int To) ContainerRange => Range(ContainerPorts);

    public (int From, int To) HostRange => Range(HostPorts);

    private static (int, int) Range(string ports)
    {
        var dash = ports.IndexOf('-', StringComparison.Ordinal);
        return dash < 0
            ? (int.Parse(ports, System.Globalization.CultureInfo.InvariantCulture), int.Parse(ports, System.Globalization.CultureInfo.InvariantCulture))
            : (int.Parse(ports[..dash], System.Globalization.CultureInfo.InvariantCulture), int.Parse(ports[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Compose's short volume syntax: SOURCE:TARGET[:MODE]; a source without '/' or '.' is a named volume.</summary>
internal sealed record VolumeMount(string Source, string Target, string? Mode)
{
    public bool IsNamed => !Source.StartsWith('.') && !Source.StartsWith('/') && !Source.StartsWith('~') && !Source.Contains('$', StringComparison.Ordinal);

    public static VolumeMount Parse(string text)
    {
        var parts = text.Split(':');
        return parts.Length switch
        {
            2 => new VolumeMount(parts[0], parts[1], null),
            3 => new VolumeMount(parts[0], parts[1], parts[2]),
            _ => throw new FormatException($"expected SOURCE:TARGET[:MODE], got {text}"),
        };
    }
}

internal static class Yaml
{
    public static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public static YamlMappingNode? Map(YamlMappingNode map, string key) => Child(map, key) as YamlMappingNode;

    public static YamlSequenceNode? Seq(YamlMappingNode map, string key) => Child(map, key) as YamlSequenceNode;

    public static string? Scalar(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value;

    /// <summary>A healthcheck test as its words: ["CMD", "a", "b"] or a CMD-SHELL string.</summary>
    public static IReadOnlyList<string> Words(YamlNode? node) => node switch
    {
        YamlSequenceNode seq => seq.Children.Select(c => ((YamlScalarNode)c).Value ?? "").ToList(),
        YamlScalarNode s => ["CMD-SHELL", s.Value ?? ""],
        _ => [],
    };
}
