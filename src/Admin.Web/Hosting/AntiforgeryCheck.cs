using Microsoft.AspNetCore.Antiforgery;

namespace LeadDesk.Admin.Web.Hosting;

/// <summary>
/// Every API call that changes something must carry the anti-forgery token in <see cref="HeaderName"/> (the page
/// gets it from <c>GET /api/antiforgery</c>); ASP.NET Core checks form posts by itself, JSON calls only when asked.
/// </summary>
internal sealed class AntiforgeryCheck(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http).ConfigureAwait(false);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.BadRequest(new ApiError("The anti-forgery token is missing or invalid: reload the page and try again."));
            }
        }

        return await next(context).ConfigureAwait(false);
    }
}
