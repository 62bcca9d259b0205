namespace Admin.Web.Tests;

/// <summary>Audio files as people upload them: 44.1 kHz stereo WAV with a tone in it.</summary>
internal static class TestAudio
{
    public static byte[] Wav(double seconds, int rate = 44100, short channels = 2)
    {
        var frames = (int)(seconds * rate);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        var dataBytes = frames * channels * 2;
        writer.Write("RIFF"u8);
        writer.Write(36 + dataBytes);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write(channels);
        writer.Write(rate);
        writer.Write(rate * channels * 2);
        writer.Write((short)(channels * 2));
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(dataBytes);
        for (var i = 0; i < frames; i++)
        {
            var sample = (short)(Math.Sin(2 * Math.PI * 440 * i / rate) * 8000);
            for (var c = 0; c < channels; c++)
            {
                writer.Write(sample);
            }
        }

        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>The loudest sample of a 16-bit PCM WAV's data chunk; 0 when it is silent or has none.</summary>
    public static int Peak(byte[] wav)
    {
        for (var position = 12; position + 8 <= wav.Length; position += 8 + BitConverter.ToInt32(wav, position + 4))
        {
            if (System.Text.Encoding.ASCII.GetString(wav, position, 4) == "data")
            {
                var peak = 0;
                for (var i = position + 8; i + 1 < wav.Length; i += 2)
                {
                    peak = Math.Max(peak, Math.Abs((int)BitConverter.ToInt16(wav, i)));
                }

                return peak;
            }
        }

        return 0;
    }

    public static bool HasFfmpeg =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "ffmpeg")));

    public static void RequireFfmpeg()
    {
        if (!HasFfmpeg)
        {
            Assert.Skip("ffmpeg is not installed (apt-get install ffmpeg; .ci/run installs it): greeting conversion cannot run.");
        }
    }
}
