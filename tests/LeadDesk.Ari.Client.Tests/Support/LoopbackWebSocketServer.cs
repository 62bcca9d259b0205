using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace LeadDesk.Ari.Client.Tests.Support;

/// <summary>
/// A real websocket server on 127.0.0.1 with a hand-rolled HTTP upgrade, so tests control the socket itself:
/// abort it without a close frame, close it cleanly, or keep it open but stop reading (no PONGs: half-open).
/// Each accepted connection is handed to <see cref="OnConnection"/>.
/// </summary>
internal sealed class LoopbackWebSocketServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly ConcurrentBag<TcpClient> _clients = [];

    public LoopbackWebSocketServer(Func<ServerConnection, Task> onConnection)
    {
        OnConnection = onConnection;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public Func<ServerConnection, Task> OnConnection { get; }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public ConcurrentQueue<ServerConnection> Connections { get; } = new();

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _clients.Add(client);
            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var request = await ReadHeadersAsync(stream);
            var headers = request.Split("\r\n").Skip(1)
                .Select(l => l.Split(':', 2))
                .Where(p => p.Length == 2)
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(headers["Sec-WebSocket-Key"] + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
            var response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
            var ws = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
            var connection = new ServerConnection(client, ws, request.Split("\r\n")[0], headers);
            Connections.Enqueue(connection);
            await OnConnection(connection);
        }
        catch (Exception)
        {
            // Tests break connections on purpose.
        }
    }

    private static async Task<string> ReadHeadersAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (!(bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("closed during handshake");
            }

            bytes.Add(one[0]);
        }

        return Encoding.ASCII.GetString(bytes.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var c in _clients)
        {
            c.Dispose();
        }

        await _acceptLoop;
        _stop.Dispose();
    }
}

internal sealed class ServerConnection(TcpClient client, WebSocket ws, string requestLine, IReadOnlyDictionary<string, string> headers)
{
    public WebSocket WebSocket { get; } = ws;

    public string RequestLine { get; } = requestLine;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    public Task SendAsync(string json) =>
        WebSocket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Like a crashed Asterisk or a killed process: RST, no close frame.</summary>
    public void Abort()
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Client.Close();
    }

    /// <summary>Close handshake, then close TCP as a server should (the client waits up to 1 s for that FIN).</summary>
    public async Task CloseCleanlyAsync()
    {
        await WebSocket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        await ReadUntilClosedAsync();
        client.Dispose();
    }

    /// <summary>Keeps control frames flowing (answers PINGs) until the peer closes.</summary>
    public async Task ReadUntilClosedAsync()
    {
        var buffer = new byte[4096];
        while (WebSocket.State == WebSocketState.Open)
        {
            var r = await WebSocket.ReceiveAsync(buffer, CancellationToken.None);
            if (r.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
        }
    }
}
