using System.Text;
using LeadDesk.Ari.Client.Events;
using LeadDesk.Ari.Client.EventStream;
using LeadDesk.Ari.Client.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Ari.Client.Tests.EventStream;

/// <summary>Reconnect and dispatch behaviour against a real websocket server on loopback.</summary>
public sealed class AriEventStreamTests
{
    private const string Password = "hunter2-very-secret";

    private static AriOptions Options(LoopbackWebSocketServer server) => new()
    {
        BaseUrl = server.BaseUrl,
        Username = "ari-user",
        Password = Password,
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        PingInterval = TimeSpan.FromMilliseconds(300),
        PingTimeout = TimeSpan.FromMilliseconds(500),
        ConnectTimeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>Connections the backoff tests watch: the first and four reconnects.</summary>
    private const int Connections = 5;

    /// <summary>
    /// Less than four jittered reconnect delays (50 ms doubling, 200 ms cap) can add up to: Polly's jittered
    /// exponential delays telescope to about 50 ms x 2^3 / 1.4 by the fourth, and a capped one is 200 ms alone.
    /// A reconnect loop without backoff makes its five connections in a few milliseconds.
    /// </summary>
    private static readonly TimeSpan MinimumBackoff = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task Dropped_connection_is_reconnected_and_reported_as_a_reconnect()
    {
        var count = 0;
        var handler = new RecordingEventHandler();
        await using var server = new LoopbackWebSocketServer(async conn =>
        {
            var n = Interlocked.Increment(ref count);
            await conn.SendAsync(Ev.Dtmf("c-1", n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (n == 1)
            {
                // Drop the connection once the client has the event: an abort could otherwise overtake it.
                await Wait.UntilAsync(() => !handler.Events.IsEmpty, TimeSpan.FromSeconds(5), "first event handled");
                conn.Abort();
                return;
            }

            await conn.ReadUntilClosedAsync();
        });
        var logger = new CapturingLogger<AriEventStream>();
        var stream = new AriEventStream(Options(server), logger);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        var run = stream.RunAsync(handler, cts.Token);
        await Wait.UntilAsync(() => handler.Connections.Count >= 2 && handler.Events.Count >= 2, TimeSpan.FromSeconds(5), "reconnect");

        var connections = handler.Connections.ToArray();
        Assert.False(connections[0].IsReconnect);
        Assert.True(connections[1].IsReconnect);
        Assert.Equal(2, connections[1].ConnectionNumber);
        var (_, error, _) = Assert.Single(handler.Disconnects);
        Assert.NotNull(error);
        Assert.Equal(["1", "2"], handler.Events.Cast<ChannelDtmfReceived>().Select(e => e.Digit));
        Assert.Equal(1, logger.Count(LogLevel.Warning, "reconnected"));
        Assert.True(stream.IsConnected);
        Assert.NotNull(stream.ConnectedSince);
        Assert.NotNull(stream.LastError);

        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.False(stream.IsConnected);
    }

    [Fact]
    public async Task Clean_close_by_the_server_backs_off_instead_of_looping()
    {
        var accepted = new System.Collections.Concurrent.ConcurrentQueue<long>();
        await using var server = new LoopbackWebSocketServer(async conn =>
        {
            accepted.Enqueue(System.Diagnostics.Stopwatch.GetTimestamp());
            await conn.CloseCleanlyAsync();
        });
        var logger = new CapturingLogger<AriEventStream>();
        var stream = new AriEventStream(Options(server), logger);
        var handler = new RecordingEventHandler();
        using var cts = new CancellationTokenSource();

        var run = stream.RunAsync(handler, cts.Token);
        await Wait.UntilAsync(() => accepted.Count >= Connections, TimeSpan.FromSeconds(5), $"{Connections} connections");
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        var first = accepted.First();
        var spread = System.Diagnostics.Stopwatch.GetElapsedTime(first, accepted.ElementAt(Connections - 1));
        Assert.True(spread >= MinimumBackoff, $"{Connections} connections in {spread.TotalMilliseconds:F0} ms: no backoff\n{logger.AllText}");
        Assert.Contains(handler.Disconnects, d => d.Reason.Contains("server closed", StringComparison.Ordinal) && d.Error is null);
    }

    [Fact]
    public async Task Half_open_connection_is_noticed_within_seconds()
    {
        var count = 0;
        await using var server = new LoopbackWebSocketServer(async conn =>
        {
            if (Interlocked.Increment(ref count) == 1)
            {
                // Keep the TCP connection but never read again: PINGs go unanswered, like a frozen Asterisk or a dead NAT.
                await conn.SendAsync(Ev.Dtmf("c-1", "1"));
                return;
            }

            await conn.ReadUntilClosedAsync();
        });
        var stream = new AriEventStream(Options(server));
        var handler = new RecordingEventHandler();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        var run = stream.RunAsync(handler, cts.Token);
        await Wait.UntilAsync(() => !handler.Connections.IsEmpty, TimeSpan.FromSeconds(5), "first connection");
        var connectedAt = handler.Connections.First().ConnectedAt;
        await Wait.UntilAsync(() => handler.Connections.Count >= 2, TimeSpan.FromSeconds(5), "reconnect after half-open");

        var (_, error, at) = Assert.Single(handler.Disconnects);
        Assert.NotNull(error);
        Assert.InRange(at - connectedAt, TimeSpan.Zero, TimeSpan.FromSeconds(3));

        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Events_stay_in_order_per_channel_while_another_channels_handler_is_slow_or_throws()
    {
        var slowStarted = new TaskCompletionSource();
        var releaseSlow = new TaskCompletionSource();
        await using var server = new LoopbackWebSocketServer(async conn =>
        {
            for (var i = 1; i <= 20; i++)
            {
                await conn.SendAsync(Ev.Dtmf("slow", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                await conn.SendAsync(Ev.Dtmf("fast", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            await conn.SendAsync("this is not json");
            await conn.ReadUntilClosedAsync();
        });
        var logger = new CapturingLogger<AriEventStream>();
        var stream = new AriEventStream(Options(server), logger);
        var handler = new RecordingEventHandler
        {
            Before = async (e, ct) =>
            {
                if (e is ChannelDtmfReceived { ChannelId: "slow" } d)
                {
                    if (d.Digit == "1")
                    {
                        slowStarted.TrySetResult();
                        await releaseSlow.Task.WaitAsync(ct);
                    }

                    if (d.Digit == "3")
                    {
                        throw new InvalidOperationException("handler bug");
                    }
                }
            },
        };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        var run = stream.RunAsync(handler, cts.Token);
        await slowStarted.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        // The slow channel is blocked inside its first event, yet the other channel gets everything.
        await Wait.UntilAsync(() => handler.Events.Count(e => e.ChannelId == "fast") == 20, TimeSpan.FromSeconds(5), "fast channel drained");
        Assert.DoesNotContain(handler.Events, e => e.ChannelId == "slow");

        releaseSlow.SetResult();
        await Wait.UntilAsync(() => handler.Events.Count(e => e.ChannelId == "slow") == 19, TimeSpan.FromSeconds(5), "slow channel drained");

        string[] Digits(string channel) => handler.Events.Where(e => e.ChannelId == channel).Cast<ChannelDtmfReceived>().Select(e => e.Digit).ToArray();
        Assert.Equal(Enumerable.Range(1, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Digits("fast"));
        Assert.Equal(Enumerable.Range(1, 20).Where(i => i != 3).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Digits("slow"));
        Assert.Equal(1, logger.Count(LogLevel.Error, "slow"));
        Assert.Equal(1, logger.Count(LogLevel.Warning, "not an ARI event"));
        Assert.True(stream.IsConnected);
        Assert.Single(handler.Connections);

        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Connects_with_basic_auth_to_the_events_url_and_never_logs_credentials()
    {
        var count = 0;
        var logger = new CapturingLogger<AriEventStream>();
        await using var server = new LoopbackWebSocketServer(async conn =>
        {
            if (Interlocked.Increment(ref count) == 1)
            {
                await conn.SendAsync("""{"type":"ApplicationReplaced","application":"leaddesk"}""");
                await Wait.UntilAsync(() => logger.Count(LogLevel.Critical, "taken over") > 0, TimeSpan.FromSeconds(5), "ApplicationReplaced read");
                conn.Abort();
                return;
            }

            await conn.ReadUntilClosedAsync();
        });
        var options = Options(server);
        var stream = new AriEventStream(options, logger);
        var handler = new RecordingEventHandler();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        var run = stream.RunAsync(handler, cts.Token);
        await Wait.UntilAsync(() => handler.Connections.Count >= 2, TimeSpan.FromSeconds(5), "reconnect");
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        var first = server.Connections.First();
        Assert.Equal("GET /ari/events?app=leaddesk&subscribeAll=false HTTP/1.1", first.RequestLine);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("ari-user:" + Password));
        Assert.Equal("Basic " + basic, first.Headers["Authorization"]);
        Assert.Equal(1, logger.Count(LogLevel.Critical, "taken over"));

        Assert.NotEmpty(logger.Entries);
        Assert.DoesNotContain(Password, logger.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(basic, logger.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_connections_are_retried_with_backoff_and_recorded_as_last_error()
    {
        // A port that was just free: connecting is refused.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var stream = new AriEventStream(new AriOptions
        {
            BaseUrl = $"http://127.0.0.1:{port}",
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        });
        using var cts = new CancellationTokenSource();

        var started = System.Diagnostics.Stopwatch.StartNew();
        var run = stream.RunAsync(new RecordingEventHandler(), cts.Token);
        await Wait.UntilAsync(() => stream.ConnectionAttempts >= Connections, TimeSpan.FromSeconds(5), $"{Connections} attempts");
        var elapsed = started.Elapsed;
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.True(elapsed >= MinimumBackoff, $"{Connections} attempts in {elapsed.TotalMilliseconds:F0} ms: no backoff");
        Assert.NotNull(stream.LastError);
        Assert.False(stream.IsConnected);
    }
}
