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
