using System.Net;
using System.Net.Sockets;
using System.Text;
using LeadDesk.RouteController.Greetings;
using LeadDesk.RouteController.Health;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using Microsoft.Extensions.DependencyInjection;
using RouteController.Tests.Support;

namespace RouteController.Tests.Http;

/// <summary>
/// The controller's one HTTP listener serves Prometheus and the greetings Asterisk fetches on a voicemail caller's
/// path. A scraper that stalls (never reads its answers, or sends its request a few bytes at a time) holds only its
/// own connection: the greeting is answered meanwhile, and the caller is not left in silence.
/// </summary>
public sealed class StalledClientTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_metrics_client_that_never_reads_its_answers_does_not_delay_a_greeting_fetch()
    {
        await using var controller = await RunningController.StartAsync();
        var greeting = await SaveGreetingAsync(controller);
        var health = HealthUrl(controller);

        // Pipelined scrapes whose answers are never read: with a small receive window the server's writes to this
        // connection soon cannot complete.
        using var stalled = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 2048 };
        await stalled.ConnectAsync(health.Host, health.Port, Ct);
        var scrapes = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat($"GET /metrics HTTP/1.1\r\nHost: {health.Authority}\r\n\r\n", 2000)));
        var sending = stalled.SendAsync(scrapes, SocketFlags.None, Ct).AsTask();
        await Poll.UntilAsync(() => stalled.Available > 0, Within, "the stalled client's first answer", Ct);

        await AssertGreetingsServedAsync(greeting);
        stalled.Close();
        try
        {
            await sending.WaitAsync(Within, Ct);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The scrapes the server never took, cut off by the close.
        }
    }

    [Fact]
    public async Task A_metrics_client_that_sends_its_request_slowly_does_not_delay_a_greeting_fetch()
    {
        await using var controller = await RunningController.StartAsync();
        var greeting = await SaveGreetingAsync(controller);
        var health = HealthUrl(controller);

        // Half a request, and the rest never comes.
        using var slow = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await slow.ConnectAsync(health.Host, health.Port, Ct);
        await slow.SendAsync(Encoding.ASCII.GetBytes($"GET /metrics HTTP/1.1\r\nHost: {health.Authority}\r\n"), SocketFlags.None, Ct);

        await AssertGreetingsServedAsync(greeting);
        Assert.Equal(0, slow.Available);
    }

    /// <summary>Alice's greeting saved as the web admin or the phone saves it, and the URL Asterisk fetches it from.</summary>
    private static async Task<Uri> SaveGreetingAsync(RunningController controller)
    {
        await controller.AssignToAliceAsync(loggedIn: false, voicemail: "alice@example.com");
        await new AgentGreetings(RoutingStore.Open(controller.DatabasePath))
            .SaveAsync(new AgentGreeting("alice", AgentGreetings.RecordingNameFor("alice"), LeadDesk.Ari.Simulator.Wav.Create(TimeSpan.FromSeconds(1)), DateTimeOffset.UtcNow), Ct);
        var media = await controller.Host.Services.GetRequiredService<GreetingMedia>().ForAgentAsync("alice", Ct);
        Assert.StartsWith("sound:http://", media, StringComparison.Ordinal);
        return new Uri(media["sound:".Length..]);
    }

    private static Uri HealthUrl(RunningController controller) =>
        new(controller.Host.Services.GetRequiredService<HealthOptions>().Url);

    /// <summary>Asterisk's fetches, one after another on fresh connections, each answered well inside its own timeout.</summary>
    private static async Task AssertGreetingsServedAsync(Uri greeting)
    {
        for (var i = 0; i < 20; i++)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = await http.GetAsync(greeting, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync(Ct));
        }
    }
}
