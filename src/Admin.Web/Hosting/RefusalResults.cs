using LeadDesk.Store;

namespace LeadDesk.Admin.Web.Hosting;

/// <summary>
/// A change the store refuses (the CLI's exit 1, with the same one-line message) is answered 422 with that
/// message; nothing was changed.
/// </summary>
internal sealed class RefusalResults : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (RoutingRefusedException e)
        {
            return Results.UnprocessableEntity(new ApiError(e.Message.ReplaceLineEndings(" ").Trim()));
        }
    }
}
