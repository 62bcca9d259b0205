using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LeadDesk.Ari.Client.Tests.Support;

/// <summary>
/// Answers exactly one request with a recorded ARI response (status, body, content type) and keeps the request
/// the client built, like MailKit's replayed SMTP conversations.
/// </summary>
internal sealed class ReplayHandler(JsonElement exchange) : HttpMessageHandler
{
    public HttpRequestMessage? Request { get; private set; }

    public string? RequestBody { get; private set; }

    public int Calls { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Calls++;
        Request = request;
        RequestBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        return BuildResponse(exchange);
    }

    public static HttpResponseMessage BuildResponse(JsonElement exchange)
    {
        var status = (HttpStatusCode)exchange.GetProperty("status").GetInt32();
        var contentType = exchange.TryGetProperty("content_type", out var ct) && ct.ValueKind == JsonValueKind.String ? ct.GetString() : null;
        var response = new HttpResponseMessage(status);
        var body = exchange.GetProperty("response");

        if (exchange.TryGetProperty("response_bytes", out var size) && body.ValueKind == JsonValueKind.Null)
        {
            // The recorder kept only the length of non-JSON-parsed bodies. For the wav downloads any bytes of that
            // length will do. The one JSON case (404 on /file) was 33 bytes, exactly {"message":"Recording not found"}.
            var bytes = contentType == "application/json"
                ? Encoding.UTF8.GetBytes("""{"message":"Recording not found"}""")
                : Enumerable.Range(0, size.GetInt32()).Select(i => (byte)i).ToArray();
            Assert.Equal(size.GetInt32(), bytes.Length);
            response.Content = new ByteArrayContent(bytes);
        }
        else if (body.ValueKind == JsonValueKind.String && contentType != "application/json")
        {
            response.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.GetString()!));
        }
        else if (body.ValueKind != JsonValueKind.Null)
        {
            response.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.GetRawText()));
        }

        if (response.Content is not null && contentType is not null)
        {
            response.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        return response;
    }
}
