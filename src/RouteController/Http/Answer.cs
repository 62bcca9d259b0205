using Microsoft.AspNetCore.Http;

namespace LeadDesk.RouteController.Http;

/// <summary>A whole answer written at once: status, content type, length and body.</summary>
internal static class Answer
{
    public static Task WriteAsync(HttpResponse response, int status, string contentType, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, response.HttpContext.RequestAborted).AsTask();
    }
}
