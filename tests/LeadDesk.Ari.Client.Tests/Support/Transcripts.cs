using System.Text.Json;

namespace LeadDesk.Ari.Client.Tests.Support;

/// <summary>Loads the recorded ARI traffic in shared/ari-transcripts (see its README for the line format).</summary>
internal static class Transcripts
{
    private static readonly Lazy<string?> LazyDirectory = new(Locate);

    public static string? Directory => LazyDirectory.Value;

    /// <summary>Skips the calling test with a clear reason when the transcripts are not checked out beside the repo.</summary>
    public static string RequireDirectory()
    {
        if (Directory is null)
        {
            Assert.Skip("../shared/ari-transcripts not found: walked up from " + AppContext.BaseDirectory);
        }

        return Directory!;
    }

    public static IEnumerable<string> FileNames() =>
        Directory is null
            ? ["(transcripts missing)"]
            : System.IO.Directory.GetFiles(Directory, "*.jsonl").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

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

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "ari-transcripts"), Path.Combine(dir.FullName, "..", "shared", "ari-transcripts") })
            {
                if (System.IO.Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }
}

internal sealed record TranscriptLine(string File, int Number, JsonElement Json)
{
    public string Dir => Json.GetProperty("dir").GetString()!;

    public JsonElement Event => Json.GetProperty("event");

    public override string ToString() => $"{File}:{Number}";
}
