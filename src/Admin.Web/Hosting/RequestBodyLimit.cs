using Microsoft.AspNetCore.Http.Features;

namespace LeadDesk.Admin.Web.Hosting;

/// <summary>
/// Every API body has a limit: <see cref="DefaultBytes"/> for JSON, or what an endpoint states with
/// <see cref="BodyLimit"/> metadata (the greeting upload: 10 MB). A body that says it is larger is refused with 413
/// before a byte of it is read; one that does not say (chunked) is cut off by Kestrel at the limit, also 413.
/// </summary>
internal sealed class RequestBodyLimit(RequestDelegate next)
{
    /// <summary>JSON API bodies: 1 MB, far above any form and any page of numbers an admin sends.</summary>
    public const long DefaultBytes = 1024 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.Bytes ?? DefaultBytes;
        if (context.Request.ContentLength > limit)
        {
            // Answered before the body is read; Kestrel then discards what the client still sends (up to its own
            // limit, or closes the connection), so the client reads this answer, not a broken pipe.
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return context.Response.WriteAsJsonAsync(new ApiError($"The request body is larger than {Describe(limit)}."));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }

    public static string Describe(long bytes) => bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes / 1024} KB";
}

/// <summary>An endpoint's own body limit (metadata read by <see cref="RequestBodyLimit"/>).</summary>
internal sealed record BodyLimit(long Bytes);
