using LeadDesk.Ari.Client;
using LeadDesk.Ari.Client.EventStream;
using LeadDesk.Ari.Client.Models;
using Microsoft.Extensions.Logging;

namespace LeadDesk.RouteController.Ari;

/// <summary>
/// What the controller knows of its Asterisk: whether the events websocket is up, since when, the last error,
/// and what this Asterisk version can do (early media needs 20.16 / 21.11 / 22.6).
/// </summary>
internal sealed partial class AriConnectionState(AriClient ari, AriEventStream stream, AriOptions options, TimeProvider time, ILogger<AriConnectionState> logger)
{
    /// <summary>The value <c>appsettings.json</c> ships for <c>Ari:Password</c>: never a real password.</summary>
    public const string PlaceholderPassword = "set Ari__Password in the environment";

    private AriCapabilities? _capabilities;
    private volatile bool _connected;
    private DateTimeOffset? _since;
    private string? _lastError;
    private volatile bool _replaced;

    public bool IsConnected => _connected && !_replaced;

    public DateTimeOffset? ConnectedSince => _since;

    /// <summary>
    /// Why ARI is not (or was not) connected, in admin terms: while down, the latest failed attempt or drop as
    /// <see cref="AriFailure"/> words it (refused, 401, ...); while up, the last problem seen, or null.
    /// </summary>
    public string? LastError =>
        _replaced ? Volatile.Read(ref _lastError)
        : !_connected && stream.LastError is { } error ? AriFailure.Describe(error, options.BaseUrl)
        : Volatile.Read(ref _lastError);

    /// <summary>The Asterisk HTTP server this controller talks to (<c>Ari:BaseUrl</c>).</summary>
    public string BaseUrl => options.BaseUrl;

    /// <summary>Settings that work but are surely wrong, e.g. the placeholder password from appsettings.json.</summary>
    public IReadOnlyList<string> Warnings { get; } = CredentialWarnings(options);

    /// <summary>
    /// True when this Asterisk supports POST /channels/{id}/progress. Until /asterisk/info has answered we
    /// assume not: rejecting with a cause is always safe, early media to an Asterisk without it is a 404.
    /// </summary>
    public bool CanProgress => _capabilities?.SupportsProgress ?? false;

    public AriCapabilities? Capabilities => _capabilities;

    public async ValueTask OnConnectedAsync(AriConnection info, CancellationToken ct)
    {
        _connected = true;
        _replaced = false;
        _since = time.GetUtcNow();
        try
        {
            // Asterisk may have been upgraded while we were away: read its version on every connection.
            var capabilities = await ari.GetCapabilitiesAsync(ct).ConfigureAwait(false);
            _capabilities = capabilities;
            LogConnected(info.ConnectionNumber, capabilities.Version.ToString(), capabilities.SupportsProgress);
        }
        catch (Exception e) when (AriFailure.IsRequestFailure(e))
        {
            Volatile.Write(ref _lastError, $"GET /asterisk/info failed: {e.Message}");
            LogInfoFailed(e.Message);
        }
    }

    public void OnDisconnected(string reason, Exception? error)
    {
        _connected = false;
        _since = null;
        Volatile.Write(ref _lastError, error is null ? reason : $"{reason}: {error.Message}");
    }

    public void MarkReplaced()
    {
        _replaced = true;
        Volatile.Write(ref _lastError, "ApplicationReplaced: another process took the ARI application");
    }

    private static IReadOnlyList<string> CredentialWarnings(AriOptions options) =>
        string.IsNullOrEmpty(options.Password) ? ["Ari:Password is empty: set Ari__Password in the environment"]
        : options.Password == PlaceholderPassword ? ["Ari:Password is the placeholder from appsettings.json: set Ari__Password in the environment"]
        : [];

    [LoggerMessage(Level = LogLevel.Information, Message = "ARI connected (connection {ConnectionNumber}); Asterisk {Version}, early media {CanProgress}")]
    private partial void LogConnected(int connectionNumber, string version, bool canProgress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read /asterisk/info ({Error}); rejecting instead of early media until it answers")]
    private partial void LogInfoFailed(string error);
}
