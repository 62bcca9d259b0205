using System.Net;
using System.Net.Sockets;
using System.Text;
using LeadDesk.Ari.Client.EventStream;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Ari.Client.Tests.DependencyInjection;

public sealed class AriServiceCollectionExtensionsTests
{
    [Fact]
    public void Binds_the_Ari_section_and_resolves_client_and_stream()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ari:BaseUrl"] = "http://10.0.0.5:8088",
            ["Ari:Username"] = "controller",
            ["Ari:Password"] = "pw",
            ["Ari:RequestTimeout"] = "00:00:02",
        }).Build();

        using var provider = new ServiceCollection().AddLogging().AddAriClient(config).BuildServiceProvider();

        var options = provider.GetRequiredService<AriOptions>();
        Assert.Equal("http://10.0.0.5:8088", options.BaseUrl);
        Assert.Equal("controller", options.Username);
        Assert.Equal("leaddesk", options.Application);
        Assert.Equal(TimeSpan.FromSeconds(2), options.RequestTimeout);
        Assert.NotNull(provider.GetRequiredService<AriClient>().Channels);
        Assert.Same(provider.GetRequiredService<AriEventStream>(), provider.GetRequiredService<AriEventStream>());
        Assert.Equal(new Uri("ws://10.0.0.5:8088/ari/events?app=leaddesk&subscribeAll=false"), options.EventsUri);
    }

    /// <summary>
    /// Asterisk refuses HTTP sessions past http.conf's sessionlimit: a burst of requests must queue on at most
    /// Ari:MaxConnections connections, not open one each.
    /// </summary>
    [Fact]
    public async Task A_burst_of_requests_never_opens_more_than_MaxConnections_to_Asterisk()
    {
        var ct = TestContext.Current.CancellationToken;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var open = 0;
        var mostOpen = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var server = Task.Run(async () =>
        {
            var connections = new List<Task>();
            while (!stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                var now = Interlocked.Increment(ref open);
                InterlockedMax(ref mostOpen, now);
                connections.Add(ServeAsync(client));
            }

            await Task.WhenAll(connections);
        }, ct);

        async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                var reader = new StreamReader(stream, Encoding.ASCII);
                try
                {
                    while (await reader.ReadLineAsync(stop.Token) is { } line)
                    {
                        if (line.Length > 0)
                        {
                            continue;
                        }

                        // Slow enough that the burst overlaps.
                        await Task.Delay(50, stop.Token);
                        var reply = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"ping\":\"pong\"}");
                        await stream.WriteAsync(reply, stop.Token);
                    }
                }
                catch (Exception e) when (e is IOException or OperationCanceledException)
                {
                }
            }

            Interlocked.Decrement(ref open);
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ari:BaseUrl"] = $"http://127.0.0.1:{port}",
            ["Ari:Username"] = "controller",
            ["Ari:Password"] = "pw",
            ["Ari:MaxConnections"] = "3",
        }).Build();
        await using (var provider = new ServiceCollection().AddLogging().AddAriClient(config).BuildServiceProvider())
        {
            var ari = provider.GetRequiredService<AriClient>();
            await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => ari.Asterisk.PingAsync(ct)));
        }

        await stop.CancelAsync();
        listener.Stop();
        await server;
        Assert.InRange(mostOpen, 1, 3);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
