using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LeadDesk.Ari.Client.Json;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Ari.Client.Rest;

/// <summary>
/// The one place that talks HTTP: builds the request, applies auth and the per-call timeout,
/// and turns error statuses into <see cref="AriException"/>. Resource groups only describe calls.
/// </summary>
internal sealed class AriRestTransport
{
    private readonly HttpClient _http;
    private readonly AriOptions _options;
    private readonly ILogger _logger;
    private readonly Uri _baseUri;
    private readonly AuthenticationHeaderValue _auth;
    private readonly AriRestMetrics? _metrics;

    public AriRestTransport(HttpClient http, AriOptions options, ILogger logger, AriRestMetrics? metrics = null)
    {
        _metrics = metrics;
        _http = http;
        _options = options;
        _logger = logger;
        _baseUri = options.RestBaseUri;
        _auth = new AuthenticationHeaderValue("Basic", options.BasicAuthValue);
    }

    /// <summary>Escapes one path segment: ids are ours or Asterisk's and may contain anything.</summary>
    public static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return Uri.EscapeDataString(value);
    }

    public async Task<T> SendAsync<T>(HttpMethod method, string path, AriQuery? query, object? body, CancellationToken ct)
    {
        var (content, _) = await SendCoreAsync(method, path, query, body, ct).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<T>(content, AriJson.Options)
                ?? throw new AriException(HttpStatusCode.OK, "Asterisk returned an empty body where JSON was expected", method.Method, path);
        }
        catch (JsonException ex)
        {
            throw new AriException(HttpStatusCode.OK, "Asterisk returned JSON this client cannot read: " + ex.Message, method.Method, path, ex);
        }
    }

    public async Task SendAsync(HttpMethod method, string path, AriQuery? query, object? body, CancellationToken ct) =>
        await SendCoreAsync(method, path, query, body, ct).ConfigureAwait(false);

    public async Task<(byte[] Content, string ContentType)> SendForBytesAsync(HttpMethod method, string path, CancellationToken ct) =>
        await SendCoreAsync(method, path, null, null, ct).ConfigureAwait(false);

    private async Task<(byte[] Content, string ContentType)> SendCoreAsync(
        HttpMethod method, string path, AriQuery? query, object? body, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.RequestTimeout);

        using var request = new HttpRequestMessage(method, new Uri(_baseUri, path.TrimStart('/') + (query?.ToQueryString() ?? "")));
        request.Headers.Authorization = _auth;
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, AriJson.Options), Encoding.UTF8, "application/json");
        }

        var started = Stopwatch.GetTimestamp();
        HttpStatusCode? status = null;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            status = response.StatusCode;
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            var contentType = response.Content.Headers.ContentType?.MediaType ?? "";
            if (!response.IsSuccessStatusCode)
            {
                var message = ErrorBody.MessageOf(bytes, response.ReasonPhrase);
                _logger.LogDebug("ARI {Method} {Path} -> {Status} {AsteriskMessage}", method.Method, path, (int)response.StatusCode, message);
                throw new AriException(response.StatusCode, message, method.Method, path);
            }

            return (bytes, contentType);
        }
        catch (OperationCanceledException ex) when (ct.IsCancellationRequested && ex.CancellationToken != ct)
        {
            // Report the caller's own token, not our linked one, so `when (ex.CancellationToken == ct)` filters work.
            throw new OperationCanceledException(ex.Message, ex, ct);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            // The caller did not cancel, our clock did: that is a timeout, and saying so beats a bare "task canceled".
            throw new TimeoutException($"ARI {method.Method} {path} got no answer within {_options.RequestTimeout.TotalSeconds:0.###} s.", ex);
        }
        finally
        {
            _metrics?.Record(path, status, started);
        }
    }
}
