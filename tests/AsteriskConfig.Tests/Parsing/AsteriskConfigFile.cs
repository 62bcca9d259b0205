using System.Text;

namespace AsteriskConfig.Tests.Parsing;

/// <summary>One <c>key = value</c> or <c>key => value</c> line of a section.</summary>
public sealed record ConfEntry(string Key, string Value, bool IsArrow, string Source, int Line)
{
    public override string ToString() => $"{Source}:{Line}: {Key} {(IsArrow ? "=>" : "=")} {Value}";
}

/// <summary>
/// A <c>[name]</c> section. <c>[name](!)</c> is a template; <c>[name](a,b)</c> inherits from the
/// templates (or sections) a and b, in order, before its own lines.
/// </summary>
public sealed class ConfSection(string name, bool isTemplate, IReadOnlyList<string> bases, string source, int line)
{
    public string Name { get; } = name;
    public bool IsTemplate { get; } = isTemplate;
    public IReadOnlyList<string> Bases { get; } = bases;
    public string Source { get; } = source;
    public int Line { get; } = line;
    public List<ConfEntry> Entries { get; } = [];

    public override string ToString() => $"[{Name}]{(IsTemplate || Bases.Count > 0 ? "(" + string.Join(",", (IsTemplate ? ["!"] : Array.Empty<string>()).Concat(Bases)) + ")" : "")} ({Source}:{Line})";
}

/// <summary>
/// Asterisk's configuration syntax (main/config.c), as far as these files use it:
/// <c>[section]</c>, <c>[section](!)</c> / <c>(!,base)</c> / <c>(base)</c> templates, <c>key = value</c>,
/// <c>key => value</c>, <c>;</c> comments (<c>\;</c> is a literal semicolon), <c>;-- block --;</c>
/// comments and <c>#include</c> (relative to the configuration directory). <c>#exec</c> runs a
/// program when Asterisk reads the file, so it is recorded and the tests refuse it.
/// </summary>
public sealed class AsteriskConfigFile
{
    public string Name { get; }
    public List<ConfSection> Sections { get; } = [];
    public List<string> ExecDirectives { get; } = [];
    public List<string> Errors { get; } = [];

    private AsteriskConfigFile(string name) => Name = name;

    /// <summary>Parses <paramref name="fileName"/> in <paramref name="configDir"/>, following #include there.</summary>
    public static AsteriskConfigFile Load(string configDir, string fileName)
    {
        var file = new AsteriskConfigFile(fileName);
        var path = Path.Combine(configDir, fileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"{fileName} is missing from {configDir}", path);
        file.ParseInto(File.ReadAllText(path), fileName, name => ReadInclude(configDir, name), depth: 0);
        return file;
    }

    /// <summary>Parses text; <paramref name="includes"/> maps an #include name to its text (tests use in-memory files).</summary>
    public static AsteriskConfigFile Parse(string text, string name = "memory.conf", IReadOnlyDictionary<string, string>? includes = null)
    {
        var file = new AsteriskConfigFile(name);
        file.ParseInto(text, name, n => includes is not null && includes.TryGetValue(n, out var t) ? t : null, depth: 0);
        return file;
    }

    private static string? ReadInclude(string dir, string name)
    {
        var path = Path.IsPathRooted(name) ? name : Path.Combine(dir, name);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private ConfSection? _current;

    private void ParseInto(string text, string source, Func<string, string?> readInclude, int depth)
    {
        if (depth > 10) { Errors.Add($"{source}: #include nested too deep"); return; }
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var inBlockComment = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNo = i + 1;
            var line = StripComments(lines[i], ref inBlockComment).Trim();
            if (line.Length == 0) continue;

            if (line.StartsWith('#'))
            {
                var (directive, arg) = SplitDirective(line);
                switch (directive)
                {
                    case "include":
                    case "tryinclude":
                        var included = readInclude(arg);
                        if (included is null)
                        {
                            if (directive == "include") Errors.Add($"{source}:{lineNo}: #include {arg}: file not found");
                        }
                        else ParseInto(included, arg, readInclude, depth + 1);
                        break;
                    case "exec":
                    case "tryexec":
                        ExecDirectives.Add($"{source}:{lineNo}: {line}");
                        break;
                    default:
                        Errors.Add($"{source}:{lineNo}: unknown directive {line}");
                        break;
                }
                continue;
            }

            if (line.StartsWith('['))
            {
                var close = line.IndexOf(']');
                if (close < 0) { Errors.Add($"{source}:{lineNo}: unterminated section header: {line}"); continue; }
                var name = line[1..close].Trim();
                var rest = line[(close + 1)..].Trim();
                var isTemplate = false;
                var bases = new List<string>();
                if (rest.Length > 0)
                {
                    if (!rest.StartsWith('(') || !rest.EndsWith(')')) { Errors.Add($"{source}:{lineNo}: bad text after section name: {line}"); continue; }
                    foreach (var part in rest[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (part == "!") isTemplate = true;
                        else if (part == "+") { /* [name](+) appends to an existing section: same as a new entry list here */ }
                        else bases.Add(part);
                    }
                }
                _current = new ConfSection(name, isTemplate, bases, source, lineNo);
                Sections.Add(_current);
                continue;
            }

            var (key, value, arrow) = SplitKeyValue(line);
            if (key is null) { Errors.Add($"{source}:{lineNo}: not a key = value line: {line}"); continue; }
            if (_current is null) { Errors.Add($"{source}:{lineNo}: {key} outside any [section]"); continue; }
            _current.Entries.Add(new ConfEntry(key, value, arrow, source, lineNo));
        }
        if (inBlockComment) Errors.Add($"{source}: ;-- block comment never closed with --;");
    }

    /// <summary>Removes <c>;</c> comments and <c>;-- --;</c> blocks; <c>\;</c> stays as a literal <c>;</c>.</summary>
    internal static string StripComments(string line, ref bool inBlockComment)
    {
        var sb = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (inBlockComment)
            {
                if (string.CompareOrdinal(line, i, "--;", 0, 3) == 0) { inBlockComment = false; i += 2; }
                continue;
            }
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length && line[i + 1] == ';') { sb.Append(';'); i++; continue; }
            if (c == ';')
            {
                if (string.CompareOrdinal(line, i, ";--", 0, 3) == 0) { inBlockComment = true; i += 2; continue; }
                break;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static (string Directive, string Arg) SplitDirective(string line)
    {
        var body = line[1..].TrimStart();
        var space = body.IndexOfAny([' ', '\t', '"', '<']);
        var directive = (space < 0 ? body : body[..space]).ToLowerInvariant();
        var arg = space < 0 ? "" : body[space..].Trim().Trim('"', '<', '>').Trim();
        return (directive, arg);
    }

    private static (string? Key, string Value, bool Arrow) SplitKeyValue(string line)
    {
        var eq = line.IndexOf('=');
        if (eq <= 0) return (null, "", false);
        var arrow = eq + 1 < line.Length && line[eq + 1] == '>';
        var key = line[..eq].Trim();
        var value = line[(eq + (arrow ? 2 : 1))..].Trim();
        return (key.Length == 0 ? null : key, value, arrow);
    }

    /// <summary>Non-template sections with this name (pjsip.conf reuses names across types).</summary>
    public IEnumerable<ConfSection> Named(string name) =>
        Sections.Where(s => !s.IsTemplate && string.Equals(s.Name, name, StringComparison.Ordinal));

    public ConfSection? First(string name) => Named(name).FirstOrDefault();

    /// <summary>Lines of a section including those inherited from its templates (templates first, in order).</summary>
    public IReadOnlyList<ConfEntry> Effective(ConfSection section) => Effective(section, depth: 0);

    private List<ConfEntry> Effective(ConfSection section, int depth)
    {
        if (depth > 20) throw new InvalidOperationException($"template loop at {section}");
        var result = new List<ConfEntry>();
        foreach (var b in section.Bases)
        {
            var baseSection = Sections.LastOrDefault(s => s.Name == b && s != section && s.Line != section.Line)
                ?? throw new InvalidOperationException($"{section}: template [{b}] is not defined");
            result.AddRange(Effective(baseSection, depth + 1));
        }
        result.AddRange(section.Entries);
        return result;
    }

    /// <summary>The last value of <paramref name="key"/> (case-insensitive), inherited values included.</summary>
    public string? Get(ConfSection section, string key) =>
        Effective(section).LastOrDefault(e => e.Key.Equals(key, StringComparison.OrdinalIgnoreCase))?.Value;

    public IEnumerable<string> GetAll(ConfSection section, string key) =>
        Effective(section).Where(e => e.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Select(e => e.Value);
}
