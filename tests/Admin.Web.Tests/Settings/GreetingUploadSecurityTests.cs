using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.Settings;

/// <summary>
/// A greeting upload is decoded from its own bytes only: a playlist, concat list or SDP description that names a
/// file on the server or a loopback address is refused quickly, and nothing it names is read or connected to.
/// </summary>
public sealed class GreetingUploadSecurityTests : IAsyncLifetime
{
    private string _directory = "";
    private string _marker = "";
    private TcpListener? _listener;
    private UdpClient? _udp;

    public ValueTask InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("leaddesk-secret-").FullName;

        // A "secret" audio file on the server: a loud 1 kHz tone, so its sound would show in a stored greeting.
        _marker = Path.Combine(_directory, "secret.wav");
        File.WriteAllBytes(_marker, TestAudio.Wav(2, rate: 8000, channels: 1));
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _listener?.Stop();
        _udp?.Dispose();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private int TcpPort => ((IPEndPoint)_listener!.LocalEndpoint).Port;

    private int UdpPort => ((IPEndPoint)_udp!.Client.LocalEndPoint!).Port;

    public static TheoryData<string, string> Hostile => new()
    {
        { "hls-local-file", "audio/mpegurl" },
        { "hls-local-file-as-m4a", "audio/mp4" },
        { "hls-loopback", "audio/x-mpegurl" },
        { "ffconcat-local-file", "audio/mpeg" },
        { "ffconcat-loopback", "audio/wav" },
        { "sdp-loopback", "application/sdp" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_file_naming_other_files_or_addresses_is_refused_within_5_s_and_nothing_is_read(string kind, string contentType)
    {
        TestAudio.RequireFfmpeg();
        await using var web = await WebHarness.StartAsync();
        await web.AddAgentAsync("alice", "1001");
        await web.AddUserAsync("al", UserRole.Agent, "alice");
        using var client = await web.SignedInAsync("al");
        var accept = _listener!.AcceptTcpClientAsync(WebHarness.Ct).AsTask();
        var received = _udp!.ReceiveAsync(WebHarness.Ct).AsTask();

        var watch = Stopwatch.StartNew();
        var response = await client.SendBytesAsync(HttpMethod.Put, "/api/settings/alice/greeting", Encoding.UTF8.GetBytes(Upload(kind)), contentType);
        watch.Stop();

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{kind}: {(int)response.StatusCode}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{kind}: refused after {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.StartsWith("The file could not be read as audio", await WebClient.ErrorAsync(response), StringComparison.Ordinal);
        Assert.Null(await new AgentGreetings(web.Store).FindAsync("alice", WebHarness.Ct));
        Assert.False(accept.IsCompleted, $"{kind}: something connected to the loopback TCP port it named");
        Assert.False(received.IsCompleted, $"{kind}: something sent to the loopback UDP port it named");
    }

    [Fact]
    public async Task Real_audio_in_the_accepted_containers_still_converts_and_holds_its_own_sound()
    {
        TestAudio.RequireFfmpeg();
        await using var web = await WebHarness.StartAsync();
        await web.AddAgentAsync("alice", "1001");
        await web.AddUserAsync("al", UserRole.Agent, "alice");
        using var client = await web.SignedInAsync("al");

        foreach (var (format, contentType) in new[] { ("mp3", "audio/mpeg"), ("ogg", "audio/ogg"), ("webm", "audio/webm"), ("ipod", "audio/mp4") })
        {
            var upload = await EncodeAsync(format);
            var response = await client.SendBytesAsync(HttpMethod.Put, "/api/settings/alice/greeting", upload, contentType);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{format}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(WebHarness.Ct)}");
            var greeting = (await new AgentGreetings(web.Store).FindAsync("alice", WebHarness.Ct))!.Wav;
            SettingsEndpointsTests.AssertAsteriskWav(greeting, 1.0);
        }
    }

    private string Upload(string kind) => kind switch
    {
        "hls-local-file" or "hls-local-file-as-m4a" =>
            $"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXTINF:2.0,\n{_marker}\n#EXT-X-ENDLIST\n",
        "hls-loopback" =>
            $"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXTINF:2.0,\nhttp://127.0.0.1:{TcpPort}/secret.wav\n#EXT-X-ENDLIST\n",
        "ffconcat-local-file" => $"ffconcat version 1.0\nfile '{_marker}'\n",
        "ffconcat-loopback" => $"ffconcat version 1.0\nfile 'tcp://127.0.0.1:{TcpPort}'\n",
        "sdp-loopback" => $"v=0\no=- 0 0 IN IP4 127.0.0.1\ns=x\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio {UdpPort} RTP/AVP 0\na=rtpmap:0 PCMU/8000\n",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private async Task<byte[]> EncodeAsync(string format)
    {
        var output = Path.Combine(_directory, "one-second." + format);
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-nostdin", "-y", "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-f", format, output })
        {
            start.ArgumentList.Add(a);
        }

        using var ffmpeg = Process.Start(start)!;
        var error = await ffmpeg.StandardError.ReadToEndAsync(WebHarness.Ct);
        await ffmpeg.WaitForExitAsync(WebHarness.Ct);
        Assert.True(ffmpeg.ExitCode == 0, $"ffmpeg could not make a {format} test file: {error}");
        return await File.ReadAllBytesAsync(output, WebHarness.Ct);
    }
}
