using LeadDesk.Store;
using LeadDesk.Store.Agents;

namespace AsteriskConfig.Tests.RealAsterisk;

/// <summary>
/// On a real Asterisk 22: an agent's greeting that only the database has is fetched by Asterisk from the
/// controller over loopback HTTP (res_http_media_cache) and played to the voicemail caller.
/// </summary>
public class GreetingMediaTests(CarrierCallFixture fixture) : IClassFixture<CarrierCallFixture>
{
    private const string VoicemailNumber = "+358401234575";

    [Fact(Timeout = 60_000)]
    public async Task A_greeting_only_the_database_has_is_fetched_over_http_and_played_to_the_voicemail_caller()
    {
        if (fixture.SkipReason is { } reason) Assert.Skip(reason);
        await fixture.AdminAsync("numbers", "add", VoicemailNumber);
        await fixture.AdminAsync("agents", "add", "bob", "--name", "Bob B", "--extension", "1002", "--email", "bob@example.com");
        await fixture.AdminAsync("agents", "set", "bob", "--unreachable", "voicemail:bob@example.com");
        await fixture.AdminAsync("routes", "assign", VoicemailNumber, "--agent", "bob");
        await new AgentGreetings(RoutingStore.Open(fixture.DatabasePath)).SaveAsync(
            new AgentGreeting("bob", AgentGreetings.RecordingNameFor("bob"), TestWav(TimeSpan.FromSeconds(1)), DateTimeOffset.UtcNow),
            TestContext.Current.CancellationToken);

        var call = await fixture.Ari.PlaceCarrierCallAsync(VoicemailNumber, CarrierCallFixture.CallerNumber, TimeSpan.FromSeconds(40));
        try
        {
            // Asterisk's media cache lists what it fetched: the greeting's versioned URL on the controller.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            string cache;
            while (!(cache = await fixture.Asterisk.CliAsync("media cache show all")).Contains("/media/greetings/bob/", StringComparison.Ordinal))
            {
                Assert.True(DateTime.UtcNow < deadline, $"Asterisk never fetched bob's greeting:{Environment.NewLine}{cache}{Environment.NewLine}{fixture.Diagnostics()}");
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            // The message is recorded only once the greeting and the beep have played through.
            var spool = Path.Combine(fixture.Asterisk.Root, "spool", "recording");
            while (!Directory.EnumerateFiles(spool, "voicemail-*").Any())
            {
                Assert.True(DateTime.UtcNow < deadline, $"the voicemail recording never started after the greeting{Environment.NewLine}{fixture.Diagnostics()}");
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            var log = await File.ReadAllTextAsync(Path.Combine(fixture.Asterisk.Root, "log", "messages.log"), TestContext.Current.CancellationToken);
            Assert.DoesNotContain("does not exist in any format", log, StringComparison.Ordinal);
            Assert.DoesNotContain("Playback failed", log, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.Ari.HangupQuietlyAsync(call.NetworkId);
        }
    }

    /// <summary>An 8 kHz 16-bit mono WAV of a 440 Hz tone, as Asterisk plays it.</summary>
    private static byte[] TestWav(TimeSpan length)
    {
        var samples = (int)(length.TotalSeconds * 8000);
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write("RIFF"u8); w.Write(36 + samples * 2); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(8000); w.Write(16000); w.Write((short)2); w.Write((short)16);
        w.Write("data"u8); w.Write(samples * 2);
        for (var i = 0; i < samples; i++) w.Write((short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000)));
        w.Flush();
        return ms.ToArray();
    }
}
