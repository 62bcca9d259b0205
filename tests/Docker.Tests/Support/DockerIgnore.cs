using System.Text.RegularExpressions;

namespace Docker.Tests.Support;

/// <summary>
/// A .dockerignore as BuildKit applies it: patterns in order, '!' re-includes, '**' spans folders,
/// the last rule that matches the path or one of its parent folders decides (moby's patternmatcher).
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Include)> _rules = [];

    public static DockerIgnore Load(string path)
    {
        var result = new DockerIgnore();
        if (!File.Exists(path))
        {
            return result;
        }

        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var include = line.StartsWith('!');
            var pattern = (include ? line[1..] : line).Trim().TrimStart('/').TrimEnd('/');
            result._rules.Add((ToRegex(pattern), include));
        }

        return result;
    }

    /// <summary>Each rule in order; a rule applies when it matches the path or one of its parent folders.</summary>
    public bool Excludes(string relativePath)
    {
        var parts = relativePath.Replace('\\', '/').Trim('/').Split('/');
        var candidates = Enumerable.Range(1, parts.Length).Select(n => string.Join('/', parts.Take(n))).ToList();
        var excluded = false;
        foreach (var (pattern, include) in _rules)
        {
            if (candidates.Any(pattern.IsMatch))
            {
                excluded = !include;
            }
        }

        return excluded;
    }

    private static Regex ToRegex(string pattern)
    {
        var sb = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                {
                    i++;
                    sb.Append("(.*/)?");
                }
                else
                {
                    sb.Append(".*");
                }
            }
            else if (c == '*')
            {
                sb.Append("[^/]*");
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
