using System.Buffers.Binary;

namespace LeadDesk.RouteController.Voicemail;

/// <summary>
/// The real length of a WAV file from its header: data bytes / byte rate. Asterisk's RecordingFinished only
/// says whole seconds (0.96 s reads 0), which cannot tell a one-second message from a hang-up at the beep.
/// </summary>
internal static class WavDuration
{
    /// <summary>The length, or null when the bytes are not a PCM-style RIFF/WAVE file we can measure.</summary>
    public static TimeSpan? Measure(ReadOnlySpan<byte> wav)
    {
        if (wav.Length < 12 || !wav[..4].SequenceEqual("RIFF"u8) || !wav.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            return null;
        }

        uint? byteRate = null;
        var offset = 12;
        while (offset + 8 <= wav.Length)
        {
            var id = wav.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(offset + 4, 4));
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + 16 > wav.Length)
                {
                    return null;
                }

                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(body + 8, 4));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (byteRate is not > 0)
                {
                    return null;
                }

                // A file still being written (or cut short in transfer) claims more than it has: count what is there.
                var available = (uint)(wav.Length - body);
                var dataBytes = Math.Min(size, available);
                return TimeSpan.FromSeconds((double)dataBytes / byteRate.Value);
            }

            // Chunks are word-aligned: an odd size has one pad byte.
            var next = (long)body + size + (size & 1);
            if (next > wav.Length)
            {
                return null;
            }

            offset = (int)next;
        }

        return null;
    }

    /// <summary>"0:05", "2:00": how the mail states a length.</summary>
    public static string Format(TimeSpan length)
    {
        var seconds = (long)Math.Round(length.TotalSeconds, MidpointRounding.AwayFromZero);
        return $"{seconds / 60}:{seconds % 60:00}";
    }
}
