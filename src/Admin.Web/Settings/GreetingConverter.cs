using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store;
using Microsoft.Extensions.Options;

namespace LeadDesk.Admin.Web.Settings;

/// <summary>
/// Turns an uploaded or browser-recorded greeting (WAV at any rate, MP3, Ogg/Opus, WebM, M4A) into what Asterisk
/// plays: 8 kHz 16-bit mono WAV, with Debian's ffmpeg. An upload is decoded from its own bytes only: its container
/// is told from its first bytes (<see cref="AudioContainer"/>) and forced with <c>-f</c>, ffmpeg may use only those
/// demuxers (<c>-format_whitelist</c>) and only the file protocol for the one file it is given
/// (<c>-protocol_whitelist</c>), so a playlist, concat list or SDP description naming a server file or address is
/// refused, never followed. Refuses what is not one of those containers, cannot be decoded, is longer than
/// <see cref="MaxDuration"/> or larger than <see cref="MaxBytes"/>.
/// </summary>
public sealed class GreetingConverter(IOptions<WebAdminOptions> options, ILogger<GreetingConverter> logger)
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int SampleRate = 8000;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ConversionTimeout = TimeSpan.FromSeconds(30);
    private const string NotAudio = "The file could not be read as audio: upload a WAV, MP3, Ogg, WebM or M4A recording.";

    /// <summary>The converted WAV and its length.</summary>
    public async Task<(byte[] Wav, TimeSpan Duration)> ConvertAsync(byte[] upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.Length == 0)
        {
            throw new RoutingRefusedException("The file is empty.");
        }

        if (upload.Length > MaxBytes)
        {
            throw new RoutingRefusedException($"The file is larger than {MaxBytes / (1024 * 1024)} MB.");
        }

        if (AudioContainer.Sniff(upload) is not { } container)
        {
            logger.LogInformation("Refused an upload that is not WAV, MP3, Ogg, WebM or M4A ({Bytes} bytes)", upload.Length);
            throw new RoutingRefusedException(NotAudio);
        }

        var directory = Directory.CreateTempSubdirectory("leaddesk-greeting-");
        try
        {
            var input = Path.Combine(directory.FullName, "upload");
            var output = Path.Combine(directory.FullName, "greeting.wav");
            await File.WriteAllBytesAsync(input, upload, cancellationToken).ConfigureAwait(false);

            // -t stops decoding just past the limit, so an hour-long upload costs no more than a minute of audio.
            var limit = (MaxDuration.TotalSeconds + 1).ToString(CultureInfo.InvariantCulture);
            var (exit, error) = await RunAsync(
                ["-nostdin", "-hide_banner", "-loglevel", "error",
                 "-protocol_whitelist", "file", "-format_whitelist", AudioContainer.FormatWhitelist, "-f", container.Demuxer, "-i", input,
                 "-t", limit, "-map_metadata", "-1", "-fflags", "+bitexact",
                 "-ac", "1", "-ar", SampleRate.ToString(CultureInfo.InvariantCulture), "-c:a", "pcm_s16le", "-f", "wav", output],
                cancellationToken).ConfigureAwait(false);
            if (exit != 0 || !File.Exists(output))
            {
                logger.LogInformation("ffmpeg could not decode an upload: {Error}", error);
                throw new RoutingRefusedException(NotAudio);
            }

            var wav = await File.ReadAllBytesAsync(output, cancellationToken).ConfigureAwait(false);
            var duration = WavDuration(wav);
            if (duration <= TimeSpan.Zero)
            {
                throw new RoutingRefusedException("The file has no audio in it.");
            }

            if (duration > MaxDuration)
            {
                throw new RoutingRefusedException($"The greeting is longer than {MaxDuration.TotalSeconds:0} seconds: make it shorter.");
            }

            return (wav, duration);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The length of 8 kHz 16-bit mono PCM in a WAV, read from its data chunk.</summary>
    public static TimeSpan WavDuration(ReadOnlySpan<byte> wav)
    {
        if (wav.Length < 12 || !wav[..4].SequenceEqual("RIFF"u8) || !wav[8..12].SequenceEqual("WAVE"u8))
        {
            return TimeSpan.Zero;
        }

        var position = 12;
        while (position + 8 <= wav.Length)
        {
            var size = BitConverter.ToInt32(wav.Slice(position + 4, 4));
            if (wav.Slice(position, 4).SequenceEqual("data"u8))
            {
                var bytes = Math.Min(size, wav.Length - position - 8);
                return TimeSpan.FromSeconds(bytes / (double)(SampleRate * 2));
            }

            position += 8 + size + (size & 1);
        }

        return TimeSpan.Zero;
    }

    private async Task<(int Exit, string Error)> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(options.Value.Ffmpeg)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Converting audio needs ffmpeg ({options.Value.Ffmpeg}: {e.Message}); install it with 'apt-get install ffmpeg'.", e);
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConversionTimeout);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                await Task.WhenAll(error, output).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new RoutingRefusedException("The file took too long to convert.");
            }

            return (process.ExitCode, error.Result.Trim());
        }
    }
}
