using System.IO.Compression;
using System.Reflection;
using LeadDesk.RouteController.Greetings;
using LeadDesk.RouteController.Treatments;
using LeadDesk.RouteController.Voicemail;

namespace RouteController.Tests.Treatments;

/// <summary>
/// Every prompt the controller plays by default is one of Asterisk's core English sounds: a name that is not there
/// plays nothing at all ("File ... does not exist in any format"), and the caller or agent hears silence. Checked
/// against the sound list Debian ships with asterisk-core-sounds-en.
/// </summary>
public sealed class StockSoundsTests
{
    private const string SoundList = "/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz";

    [Fact]
    public void Every_default_prompt_is_in_the_core_sound_set()
    {
        if (!File.Exists(SoundList))
        {
            Assert.Skip($"{SoundList} not found: install Debian's asterisk-core-sounds-en to check the prompts against the core sound list");
        }

        var core = ReadSoundNames();
        var missing = DefaultPrompts().Where(p => !core.Contains(p.Sound)).Select(p => $"{p.Where}: {p.Sound}").ToList();

        Assert.True(missing.Count == 0, "not in Asterisk's core English sounds: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_prompts_are_found_in_the_options_at_all()
    {
        // Guards the test above against checking nothing: the menus alone name a dozen sounds.
        Assert.True(DefaultPrompts().Count() > 15);
    }

    /// <summary>Each <c>sound:NAME</c> in the defaults of the options that name prompts, and the caller treatments.</summary>
    private static IEnumerable<(string Where, string Sound)> DefaultPrompts()
    {
        object[] defaults = [new GreetingOptions(), new VoicemailOptions()];
        foreach (var options in defaults)
        {
            foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string)))
            {
                foreach (var sound in Sounds((string?)property.GetValue(options)))
                {
                    yield return ($"{options.GetType().Name}.{property.Name}", sound);
                }
            }
        }

        foreach (var sound in Sounds(CallerTreatment.NotInServiceMedia))
        {
            yield return (nameof(CallerTreatment.NotInServiceMedia), sound);
        }
    }

    private static IEnumerable<string> Sounds(string? media) =>
        (media ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(m => m.StartsWith("sound:", StringComparison.Ordinal))
            .Select(m => m["sound:".Length..]);

    /// <summary>The list's lines are <c>name: what it says</c>; comments start with ';'.</summary>
    private static HashSet<string> ReadSoundNames()
    {
        using var file = File.OpenRead(SoundList);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (line.StartsWith(';') || colon <= 0)
            {
                continue;
            }

            names.Add(line[..colon].Trim());
        }

        return names;
    }
}
