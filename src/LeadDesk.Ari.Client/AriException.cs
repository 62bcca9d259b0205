using System.Net;

namespace LeadDesk.Ari.Client;

/// <summary>
/// Asterisk answered a REST call with an error status. Several are normal call outcomes, not bugs:
/// a channel that already hung up (404), one that left Stasis (409), an endpoint without a contact (500 Allocation failed).
/// </summary>
public sealed class AriException : Exception
{
    public AriException(HttpStatusCode statusCode, string? asteriskMessage, string method, string path, Exception? inner = null)
        : base(BuildMessage(statusCode, asteriskMessage, method, path), inner)
    {
        StatusCode = statusCode;
        AsteriskMessage = asteriskMessage;
        Method = method;
        Path = path;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The "message" or "error" field of Asterisk's JSON body, or the raw body text when it was not JSON.</summary>
    public string? AsteriskMessage { get; }

    public string Method { get; }

    /// <summary>The path relative to /ari, without the query string.</summary>
    public string Path { get; }

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>409: e.g. "Channel not in Stasis application" after /continue, or a duplicate channel id.</summary>
    public bool IsConflict => StatusCode == HttpStatusCode.Conflict;

    /// <summary>422: e.g. adding a channel that left Stasis to a bridge, or unsubscribing a gone source.</summary>
    public bool IsUnprocessable => StatusCode == HttpStatusCode.UnprocessableEntity;

    /// <summary>500 "Allocation failed": originate to an endpoint with no contact, or an unknown endpoint/technology.</summary>
    public bool IsAllocationFailed =>
        StatusCode == HttpStatusCode.InternalServerError
        && string.Equals(AsteriskMessage, "Allocation failed", StringComparison.OrdinalIgnoreCase);

    private static string BuildMessage(HttpStatusCode status, string? asteriskMessage, string method, string path) =>
        $"ARI {method} {path} failed with {(int)status} {status}: {asteriskMessage ?? "(no message)"}";
}
