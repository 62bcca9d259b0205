namespace Docker.Tests.Support;

/// <summary>One Dockerfile instruction after joining '\' continuations; Stage counts FROMs from 0.</summary>
internal sealed record Instruction(int Stage, string Keyword, string Arguments, int Line)
{
    /// <summary>Words of the arguments, flags (--from=..., --chmod=...) kept apart.</summary>
    public IReadOnlyList<string> Words => Arguments.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> Flags => Words.TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal)).ToList();

    public IReadOnlyList<string> Operands => Words.SkipWhile(w => w.StartsWith("--", StringComparison.Ordinal)).ToList();
}

/// <summary>A Dockerfile read line by line as the builder's parser does: comments dropped, continuations joined.</summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<Instruction> instructions) => Instructions = instructions;

    public IReadOnlyList<Instruction> Instructions { get; }

    public IReadOnlyList<Instruction> Froms => Of("FROM");

    public int FinalStage => Froms.Count - 1;

    public IReadOnlyList<Instruction> Of(string keyword) =>
        Instructions.Where(i => i.Keyword.Equals(keyword, StringComparison.OrdinalIgnoreCase)).ToList();

    public IReadOnlyList<Instruction> InStage(int stage) => Instructions.Where(i => i.Stage == stage).ToList();

    /// <summary>ARG defaults declared before the first FROM (they may be used in FROM lines).</summary>
    public IReadOnlyDictionary<string, string> GlobalArgs =>
        Instructions.TakeWhile(i => i.Keyword != "FROM").Where(i => i.Keyword == "ARG")
            .Select(i => i.Arguments.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1].Trim() : "", StringComparer.Ordinal);

    /// <summary>The image of a FROM with global ARGs substituted.</summary>
    public string ImageOf(Instruction from)
    {
        var image = from.Operands[0];
        foreach (var (name, value) in GlobalArgs)
        {
            image = image.Replace("${" + name + "}", value, StringComparison.Ordinal).Replace("$" + name, value, StringComparison.Ordinal);
        }

        return image;
    }

    public static Dockerfile Load(string path) => Parse(File.ReadAllLines(path));

    public static Dockerfile Parse(IEnumerable<string> lines)
    {
        var result = new List<Instruction>();
        var stage = -1;
        var pending = new System.Text.StringBuilder();
        var startLine = 0;
        var lineNo = 0;
        foreach (var raw in lines)
        {
            lineNo++;
            var line = raw.TrimEnd();
            if (pending.Length == 0)
            {
                var trimmed = line.TrimStart();
                if (trimmed.Length == 0 || trimmed.StartsWith('#'))
                {
                    continue;
                }

                startLine = lineNo;
            }
            else if (line.TrimStart().StartsWith('#'))
            {
                continue; // comment lines inside a continued instruction are skipped by the builder
            }

            if (line.EndsWith('\\'))
            {
                pending.Append(line[..^1]).Append(' ');
                continue;
            }

            pending.Append(line);
            var text = pending.ToString().Trim();
            pending.Clear();
            var space = text.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? text : text[..space]).ToUpperInvariant();
            var args = space < 0 ? "" : text[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                stage++;
            }

            result.Add(new Instruction(stage, keyword, args, startLine));
        }

        return new Dockerfile(result);
    }
}
