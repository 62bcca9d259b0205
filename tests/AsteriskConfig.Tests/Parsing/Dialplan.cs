namespace AsteriskConfig.Tests.Parsing;

/// <summary>One priority of an extension: <c>exten => pattern,priority(label),App(args)</c>.</summary>
public sealed record DialplanStep(string Context, string Extension, int Priority, string? Label, string Application, string Arguments, string Source, int Line)
{
    public string Where => $"{Source}:{Line} [{Context}] {Extension},{Priority}";
    public override string ToString() => $"{Where}: {Application}({Arguments})";
}

public sealed class DialplanContext(string name)
{
    public string Name { get; } = name;
    public List<DialplanStep> Steps { get; } = [];
    public List<(string Target, ConfEntry Entry)> Includes { get; } = [];
    /// <summary><c>switch =></c>, <c>lswitch</c>, <c>eswitch</c>: hand lookups to another dialplan source.</summary>
    public List<ConfEntry> Switches { get; } = [];
    public IEnumerable<string> Extensions => Steps.Select(s => s.Extension).Distinct(StringComparer.Ordinal);
    public IEnumerable<DialplanStep> StepsOf(string extension) =>
        Steps.Where(s => s.Extension == extension).OrderBy(s => s.Priority);
}

/// <summary>extensions.conf as pbx_config.c reads it: contexts, extensions, priorities, labels, includes.</summary>
public sealed class Dialplan
{
    public static readonly string[] NonContextSections = ["general", "globals"];

    public AsteriskConfigFile File { get; }
    public Dictionary<string, DialplanContext> Contexts { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Globals { get; } = new(StringComparer.Ordinal);
    public List<string> Errors { get; } = [];

    public Dialplan(AsteriskConfigFile file)
    {
        File = file;
        Errors.AddRange(file.Errors);
        foreach (var section in file.Sections)
        {
            if (section.Name == "globals")
            {
                foreach (var e in section.Entries) Globals[e.Key] = e.Value;
                continue;
            }
            if (NonContextSections.Contains(section.Name)) continue;
            if (!Contexts.TryGetValue(section.Name, out var context))
                Contexts[section.Name] = context = new DialplanContext(section.Name);
            ReadContext(context, section);
        }
    }

    public static Dialplan Parse(string text, IReadOnlyDictionary<string, string>? includes = null) =>
        new(AsteriskConfigFile.Parse(text, "extensions.conf", includes));

    private void ReadContext(DialplanContext context, ConfSection section)
    {
        string? lastExten = null;
        var lastPriority = 0;
        foreach (var e in section.Entries)
        {
            switch (e.Key.ToLowerInvariant())
            {
                case "include":
                    context.Includes.Add((e.Value.Split('|', ',')[0].Trim(), e));
                    break;
                case "switch":
                case "lswitch":
                case "eswitch":
                    context.Switches.Add(e);
                    break;
                case "ignorepat":
                    break;
                case "exten":
                case "same":
                    {
                        string exten;
                        string rest;
                        if (e.Key.Equals("same", StringComparison.OrdinalIgnoreCase))
                        {
                            if (lastExten is null) { Errors.Add($"{e}: `same` before any `exten`"); continue; }
                            exten = lastExten;
                            rest = e.Value;
                        }
                        else
                        {
                            var comma = IndexOfTopLevel(e.Value, ',');
                            if (comma < 0) { Errors.Add($"{e}: no priority"); continue; }
                            exten = e.Value[..comma].Trim();
                            // exten => 123/callerid,... : the caller-ID match does not change the extension.
                            var slash = exten.IndexOf('/');
                            if (slash > 0) exten = exten[..slash];
                            rest = e.Value[(comma + 1)..];
                        }
                        var pc = IndexOfTopLevel(rest, ',');
                        var priorityText = (pc < 0 ? rest : rest[..pc]).Trim();
                        var appText = pc < 0 ? "" : rest[(pc + 1)..].Trim();
                        string? label = null;
                        var paren = priorityText.IndexOf('(');
                        if (paren >= 0 && priorityText.EndsWith(')'))
                        {
                            label = priorityText[(paren + 1)..^1];
                            priorityText = priorityText[..paren];
                        }
                        int priority;
                        if (priorityText == "n") priority = exten == lastExten ? lastPriority + 1 : 1;
                        else if (priorityText.Equals("hint", StringComparison.OrdinalIgnoreCase)) { lastExten = exten; continue; }
                        else if (priorityText.StartsWith("n+", StringComparison.Ordinal) && int.TryParse(priorityText[2..], out var plus)) priority = lastPriority + plus;
                        else if (!int.TryParse(priorityText, out priority)) { Errors.Add($"{e}: priority `{priorityText}` not understood"); continue; }
                        if (exten != lastExten && priorityText == "n") Errors.Add($"{e}: `n` as the first priority of {exten}");
                        lastExten = exten;
                        lastPriority = priority;
                        var (app, args) = SplitApplication(appText);
                        context.Steps.Add(new DialplanStep(context.Name, exten, priority, label, app, args, e.Source, e.Line));
                        break;
                    }
                default:
                    Errors.Add($"{e}: unknown key in context [{context.Name}]");
                    break;
            }
        }
    }

    /// <summary><c>App(args)</c>, the old <c>App,args</c> form, or a bare <c>App</c>.</summary>
    public static (string App, string Args) SplitApplication(string text)
    {
        text = text.Trim();
        var open = text.IndexOf('(');
        var comma = text.IndexOf(',');
        if (open >= 0 && (comma < 0 || open < comma))
        {
            var close = text.LastIndexOf(')');
            var args = close > open ? text[(open + 1)..close] : text[(open + 1)..];
            return (text[..open].Trim(), args);
        }
        if (comma >= 0) return (text[..comma].Trim(), text[(comma + 1)..]);
        return (text, "");
    }

    /// <summary>Index of <paramref name="c"/> outside parentheses, brackets, braces and double quotes.</summary>
    public static int IndexOfTopLevel(string s, char c, int start = 0)
    {
        var depth = 0;
        var quoted = false;
        for (var i = start; i < s.Length; i++)
        {
            var ch = s[i];
            if (ch == '\\') { i++; continue; }
            if (ch == '"') { quoted = !quoted; continue; }
            if (quoted) continue;
            if (ch is '(' or '[' or '{') depth++;
            else if (ch is ')' or ']' or '}') depth = Math.Max(0, depth - 1);
            else if (ch == c && depth == 0) return i;
        }
        return -1;
    }

    /// <summary>Splits application arguments on top-level commas.</summary>
    public static List<string> SplitArguments(string args)
    {
        var result = new List<string>();
        var start = 0;
        while (true)
        {
            var comma = IndexOfTopLevel(args, ',', start);
            if (comma < 0) { result.Add(args[start..].Trim()); return result; }
            result.Add(args[start..comma].Trim());
            start = comma + 1;
        }
    }
}
