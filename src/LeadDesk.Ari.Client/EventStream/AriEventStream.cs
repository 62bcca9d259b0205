using System.Net.WebSockets;
using LeadDesk.Ari.Client.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace LeadDesk.Ari.Client.EventStream;

/// <summary>
/// The ARI events websocket: connects to /ari/events?app=..., parses events, dispatches them per channel,
/// and reconnects forever with capped, jittered exponential backoff until cancelled.
/// </summary>
/// <remarks>
/// Asterisk deactivates the application while no websocket is attached (new calls get 603) and replays nothing
/// on reconnect, so every reconnect is a Warning and is reported to the handler.
/// </remarks>
public sealed class AriEventStream
{
    private const int ReceiveBufferSize = 16 * 1024;

    // ARI events are a few KB; anything far larger is not something we should buffer.
    private const int MaxMessageSize = 4 * 1024 * 1024;

    private readonly AriOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private int _attempts;
    private int _connections;
    private volatile bool _isConnected;
    private DateTimeOffset? _connectedSince;
    private Exception? _lastError;

    public AriEventStream(AriOptions options, ILogger<AriEventStream>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    public bool IsConnected => _isConnected;

    public DateTimeOffset? ConnectedSince => _connectedSince;

    /// <summary>Why the last connection attempt failed or the last connection ended; null until something went wrong.</summary>
    public Exception? LastError => Volatile.Read(ref _lastError);

    /// <summary>Connection attempts so far, failed ones included.</summary>
    public int ConnectionAttempts => Volatile.Read(ref _attempts);

    /// <summary>
    /// Runs until <paramref name="ct"/> is cancelled, then completes normally. Never ends because of Asterisk:
    /// refused connections, drops, clean closes and dead (half-open) sockets all lead to a delayed reconnect.
    /// </summary>
    public async Task RunAsync(IAriEventHandler handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var dispatcher = new ChannelLaneDispatcher(handler.OnEventAsync, _logger, inline: handler is IInlineAriEventHandler);
        var pipeline = BuildReconnectPipeline(ct);

        while (!ct.IsCancellationRequested)
        {
            try
            {
                // Each pass of the pipeline starts the backoff afresh; a pass ends only after a connection that
                // stayed up for ReconnectResetAfter, so a flapping server keeps climbing the backoff instead.
                await pipeline.ExecuteAsync(async token => await ConnectAndPumpAsync(handler, dispatcher, token).ConfigureAwait(false), ct)
                    .ConfigureAwait(false);

                // Even after a long healthy connection, never reconnect instantly: a server restarting in a loop
                // would otherwise see us hammer it once per ReconnectResetAfter.
                await Task.Delay(_options.ReconnectInitialDelay, _time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
        }

        _logger.LogInformation("ARI event stream stopped");
    }

    private ResiliencePipeline BuildReconnectPipeline(CancellationToken stopping) =>
        new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => !(ex is OperationCanceledException && stopping.IsCancellationRequested)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.ReconnectInitialDelay,
                MaxDelay = _options.EffectiveReconnectMaxDelay,
                OnRetry = args =>
                {
                    _logger.LogWarning("ARI websocket: reconnect attempt {Attempt} in {DelayMs} ms ({Reason})",
                        args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message);
                    return default;
                },
            })
            .Build();

    /// <summary>One connection's life. Returns normally only if the connection was healthy for long enough; otherwise throws so Polly backs off.</summary>
    private async ValueTask ConnectAndPumpAsync(IAriEventHandler handler, ChannelLaneDispatcher dispatcher, CancellationToken ct)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        var uri = _options.EventsUri;
        using var ws = new ClientWebSocket();
        ws.Options.SetRequestHeader("Authorization", "Basic " + _options.BasicAuthValue);
        // .NET 9+: PING every interval and abort if no PONG within the timeout. This is what notices a half-open
        // socket (Asterisk gone without a FIN) in seconds rather than at the next TCP retransmission timeout.
        ws.Options.KeepAliveInterval = _options.PingInterval;
        ws.Options.KeepAliveTimeout = _options.PingTimeout;

        var handshakeStartedAt = _time.GetUtcNow();
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            connectTimeout.CancelAfter(_options.ConnectTimeout);
            await ws.ConnectAsync(uri, connectTimeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            Volatile.Write(ref _lastError, ex);
            _logger.LogWarning("ARI websocket: connecting to {Uri} failed (attempt {Attempt}): {Reason}", uri, attempt, ex.Message);
            throw;
        }

        var connectedAt = _time.GetUtcNow();
        var number = Interlocked.Increment(ref _connections);
        var connection = new AriConnection(attempt, number, connectedAt, IsReconnect: number > 1, handshakeStartedAt);
        _connectedSince = connectedAt;
        _isConnected = true;
        if (connection.IsReconnect)
        {
            _logger.LogWarning("ARI websocket reconnected to {Uri} (connection {Number}); events during the gap are lost, resynchronise state", uri, number);
        }
        else
        {
            _logger.LogInformation("ARI websocket connected to {Uri}", uri);
        }

        await InvokeSafelyAsync(() => handler.OnConnectedAsync(connection, ct), nameof(IAriEventHandler.OnConnectedAsync)).ConfigureAwait(false);

        string reason;
        Exception? error = null;
        try
        {
            reason = await PumpAsync(ws, dispatcher, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            MarkDisconnected();
            await InvokeSafelyAsync(() => handler.OnDisconnectedAsync("stopping", null, CancellationToken.None), nameof(IAriEventHandler.OnDisconnectedAsync))
                .ConfigureAwait(false);
            throw;
        }
        catch (Exception ex)
        {
            error = ex;
            reason = "connection lost: " + ex.Message;
        }

        MarkDisconnected();
        var lasted = _time.GetUtcNow() - connectedAt;
        var ended = error ?? new WebSocketException(WebSocketError.ConnectionClosedPrematurely, reason);
        Volatile.Write(ref _lastError, ended);
        _logger.LogWarning(error, "ARI websocket to {Uri} ended after {Seconds:0.0} s: {Reason}", uri, lasted.TotalSeconds, reason);
        await InvokeSafelyAsync(() => handler.OnDisconnectedAsync(reason, error, ct), nameof(IAriEventHandler.OnDisconnectedAsync)).ConfigureAwait(false);

        if (lasted < _options.ReconnectResetAfter)
        {
            // Throwing hands the decision to Polly: a clean close is treated like a failure so it is backed off too.
            throw ended;
        }
    }

    private void MarkDisconnected()
    {
        _isConnected = false;
        _connectedSince = null;
    }

    /// <summary>Reads until the server closes (returns why) or the socket fails (throws).</summary>
    private async Task<string> PumpAsync(ClientWebSocket ws, ChannelLaneDispatcher dispatcher, CancellationToken ct)
    {
        var buffer = new byte[ReceiveBufferSize];
        using var message = new MemoryStream();
        var skipping = false;
        while (true)
        {
            var result = await ws.ReceiveAsync(buffer.AsMemory(), ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                using var closeTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                closeTimeout.CancelAfter(TimeSpan.FromSeconds(1));
                try
                {
                    await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closeTimeout.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException && !ct.IsCancellationRequested)
                {
                    // The server is gone already; nothing to acknowledge.
                }

                return $"server closed the connection ({ws.CloseStatus} {ws.CloseStatusDescription})".Trim();
            }

            if (!skipping)
            {
                message.Write(buffer, 0, result.Count);
                if (message.Length > MaxMessageSize)
                {
                    _logger.LogWarning("ARI websocket: skipping a message larger than {Max} bytes", MaxMessageSize);
                    skipping = true;
                    message.SetLength(0);
                }
            }

            if (!result.EndOfMessage)
            {
                continue;
            }

            if (!skipping)
            {
                Deliver(message.GetBuffer().AsSpan(0, (int)message.Length), dispatcher, ct);
            }

            skipping = false;
            message.SetLength(0);
        }
    }

    private void Deliver(ReadOnlySpan<byte> payload, ChannelLaneDispatcher dispatcher, CancellationToken ct)
    {
        var received = System.Diagnostics.Stopwatch.GetTimestamp();
        AriEvent e;
        try
        {
            e = AriEventParser.Parse(payload);
            e.ReceivedTimestamp = received;
        }
        catch (AriEventParseException ex)
        {
            _logger.LogWarning(ex, "ARI websocket: skipped a message that is not an ARI event: {Payload}", ex.Payload);
            return;
        }

        switch (e)
        {
            case ApplicationReplaced:
                _logger.LogCritical("ARI application {Application} was taken over by another websocket; this process no longer receives its calls", e.Application);
                break;
            case UnknownAriEvent:
                _logger.LogDebug("ARI event {EventType} is not modelled; passed on as UnknownAriEvent (channel {ChannelId})", e.Type, e.ChannelId);
                break;
        }

        dispatcher.Dispatch(e, ct);
    }

    private async Task InvokeSafelyAsync(Func<ValueTask> callback, string name)
    {
        try
        {
            await callback().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "ARI event handler {Callback} failed", name);
        }
    }
}
