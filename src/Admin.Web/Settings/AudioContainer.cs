namespace LeadDesk.Admin.Web.Settings;

/// <summary>
/// The audio containers a greeting upload may be, told from the file's first bytes alone (never from its name or
/// Content-Type), each with the one ffmpeg demuxer that reads it. Anything else (a playlist, a concat list, an SDP
/// description, a text file naming other files or addresses) is refused before ffmpeg sees it.
/// </summary>
/// <param name="Name">What the page calls it.</param>
/// <param name="Demuxer">The ffmpeg input format forced with <c>-f</c>, so ffmpeg never probes for another.</param>
internal sealed record AudioContainer(string Name, string Demuxer)
{
    public static readonly AudioContainer Wav = new("WAV", "wav");
    public static readonly AudioContainer Mp3 = new("MP3", "mp3");
    public static readonly AudioContainer Ogg = new("Ogg", "ogg");
    public static readonly AudioContainer WebM = new("WebM", "matroska");
    public static readonly AudioContainer Mp4 = new("M4A", "mov");

    /// <summary>
    /// The demuxers ffmpeg may use at all (<c>-format_whitelist</c>, which nested inputs inherit): the names ffmpeg
    /// gives the five above.
    /// </summary>
    public const string FormatWhitelist = "wav,mp3,ogg,matroska,webm,mov,mp4,m4a,3gp,3g2,mj2";

    /// <summary>The container <paramref name="upload"/> starts like, or null when it is none of the accepted ones.</summary>
    public static AudioContainer? Sniff(ReadOnlySpan<byte> upload)
    {
        if (upload.Length >= 12 && upload[..4].SequenceEqual("RIFF"u8) && upload[8..12].SequenceEqual("WAVE"u8))
        {
            return Wav;
        }

        if (upload.Length >= 4 && upload[..4].SequenceEqual("OggS"u8))
        {
            return Ogg;
        }

        if (upload.Length >= 4 && upload[..4].SequenceEqual((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return WebM;
        }

        if (upload.Length >= 12 && upload[4..8].SequenceEqual("ftyp"u8))
        {
            return Mp4;
        }

        // MP3: an ID3v2 tag, or an MPEG audio frame sync (11 set bits) with a valid layer.
        if (upload.Length >= 10 && upload[..3].SequenceEqual("ID3"u8))
        {
            return Mp3;
        }

        if (upload.Length >= 4 && upload[0] == 0xFF && (upload[1] & 0xE0) == 0xE0 && (upload[1] & 0x06) != 0)
        {
            return Mp3;
        }

        return null;
    }
}
