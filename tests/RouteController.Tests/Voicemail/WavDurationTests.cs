using LeadDesk.RouteController.Voicemail;

namespace RouteController.Tests.Voicemail;

public class WavDurationTests
{
    [Fact]
    public void The_096_s_file_Asterisk_reports_as_0_s_measures_096_s()
    {
        // f_record_with_rtp_audio: 15404 bytes, 7680 samples, RecordingFinished duration 0.
        var wav = TestWav.Pcm8k(7680);
        Assert.Equal(15404, wav.Length);

        Assert.Equal(TimeSpan.FromMilliseconds(960), WavDuration.Measure(wav));
    }

    [Fact]
    public void The_567_s_file_measures_567_s()
    {
        // f_record_with_rtp_audio: 90764 bytes, 45360 samples, RecordingFinished duration 5.
        Assert.Equal(TimeSpan.FromMilliseconds(5670), WavDuration.Measure(TestWav.Pcm8k(45360)));
    }

    [Fact]
    public void Chunks_before_data_are_skipped_and_a_short_file_counts_what_it_has()
    {
        var plain = TestWav.Pcm8k(8000);
        var list = new byte[] { (byte)'L', (byte)'I', (byte)'S', (byte)'T', 3, 0, 0, 0, 1, 2, 3, 0 };
        var withList = plain[..36].Concat(list).Concat(plain[36..]).ToArray();
        Assert.Equal(TimeSpan.FromSeconds(1), WavDuration.Measure(withList));

        Assert.Equal(TimeSpan.FromSeconds(0.5), WavDuration.Measure(plain[..(44 + 8000)]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a wav file at all")]
    [InlineData("RIFF\0\0\0\0WAVEdata\0\0\0\0")]
    public void Anything_else_is_not_measurable(string text) =>
        Assert.Null(WavDuration.Measure(System.Text.Encoding.ASCII.GetBytes(text)));

    [Theory]
    [InlineData(5670, "0:06")]
    [InlineData(5000, "0:05")]
    [InlineData(120_000, "2:00")]
    [InlineData(61_200, "1:01")]
    public void Lengths_read_as_minutes_and_seconds(int ms, string expected) =>
        Assert.Equal(expected, WavDuration.Format(TimeSpan.FromMilliseconds(ms)));
}
