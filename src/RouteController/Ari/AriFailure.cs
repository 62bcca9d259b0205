using LeadDesk.Ari.Client;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.RegularExpressions;

namespace LeadDesk.RouteController.Ari;

/// <summary>
/// Says in admin terms why the events websocket is not up: "connection refused at http://127.0.0.1:8088",
/// "401 Unauthorized at ...: check Ari__Username / Ari__Password". Shown by /healthz and <c>leaddesk-admin status</c>,
/// where a raw exception message would not tell a newcomer what to change.
/// </summary>
internal static partial class AriFailure
{
    /// <summary>
    /// An ARI request that did not do what it asked: Asterisk answered with an error (<see cref="AriException"/>, a
    /// channel gone included), did not answer (<see cref="HttpRequestException"/>), or not in time
    /// (<see cref="TimeoutException"/>). The one filter for "ARI failed" wherever a call carries on or ends cleanly.
    /// </summary>
    public static bool IsRequestFailure(Exception e) => e is AriException or HttpRequestException or TimeoutException;

    /// <summary>
    /// <see cref="IsRequestFailure"/>, or the request was cancelled (the call's token, a bound on its clean-up): what a
    /// call's last steps tolerate without throwing over the call's own outcome.
    /// </summary>
    public static bool IsRequestFailureOrCancelled(Exception e) => IsRequestFailure(e) || e is OperationCanceledException;

    public static string Describe(Exception error, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => $"connection refused at {baseUrl}: is Asterisk running, and is Ari__BaseUrl right?",
                    SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => $"host not found: {baseUrl} (check Ari__BaseUrl)",
                    SocketError.TimedOut => $"connection timed out at {baseUrl}",
                    SocketError.HostUnreachable or SocketError.NetworkUnreachable => $"{baseUrl} is unreachable from this host",
                    _ => $"{socket.Message} at {baseUrl}",
                };
            }

            if (e is WebSocketException && StatusPattern().Match(e.Message) is { Success: true } status)
            {
                return status.Groups[1].Value switch
                {
                    "401" => $"401 Unauthorized at {baseUrl}: check Ari__Username / Ari__Password (ari.conf)",
                    "403" => $"403 Forbidden at {baseUrl}: check the ARI user's permissions in ari.conf",
                    "404" => $"404 Not Found at {baseUrl}/ari/events: is ARI enabled (http.conf, ari.conf) and Ari__BaseUrl right?",
                    var code => $"HTTP {code} from {baseUrl}/ari/events instead of a websocket",
                };
            }

            if (e is OperationCanceledException or TimeoutException)
            {
                return $"no answer from {baseUrl} within Ari:ConnectTimeout";
            }
        }

        return $"{error.Message.ReplaceLineEndings(" ")} ({baseUrl})";
    }

    // ClientWebSocket's message for a refused upgrade: "The server returned status code '401' when status code '101' was expected."
    [GeneratedRegex(@"'(\d{3})' when status code '101'", RegexOptions.CultureInvariant)]
    private static partial Regex StatusPattern();
}
