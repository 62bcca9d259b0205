using System.Text.Json;

namespace LeadDesk.Ari.Client.Tests.Support;

/// <summary>Loads the recorded ARI traffic in tests/ari-transcripts (see its README for the line format).</summary>
internal static class Transcripts
{
    private static readonly Lazy<string> LazyDirectory = new(Locate);

    /// <summary>The transcripts, test data of this repository: a fresh clone replays them with nothing beside it.</summary>
    public static string Directory => LazyDirectory.Value;

    public static string RequireDirectory() => Directory;

    public static IEnumerable<string> FileNames() =>
        System.IO.Directory.GetFiles(Directory, "*.jsonl").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static IReadOnlyList<TranscriptLine> Load(string fileName)
    {
        var path = Path.Combine(RequireDirectory(), fileName);
        var lines = new List<TranscriptLine>();
        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            lines.Add(new TranscriptLine(fileName, number, JsonDocument.Parse(text).RootElement.Clone()));
        }

        return lines;
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "ari-transcripts");
            if (File.Exists(Path.Combine(dir.FullName, "LeadDesk.Ari.sln")) && System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/ari-transcripts not found above " + AppContext.BaseDirectory);
    }
}

internal sealed record TranscriptLine(string File, int Number, JsonElement Json)
{
    public string Dir => Json.GetProperty("dir").GetString()!;

    public JsonElement Event => Json.GetProperty("event");

    public override string ToString() => $"{File}:{Number}";
}
