namespace Docker.Tests.Support;

/// <summary>docker/.env.example: KEY=VALUE lines, as compose reads a .env file.</summary>
internal static class EnvExample
{
    public static IReadOnlyDictionary<string, string> Load()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(Path.Combine(Repo.DockerDir, ".env.example")))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            result[line[..eq].Trim()] = line[(eq + 1)..].Trim().Trim('"');
        }

        return result;
    }
}
