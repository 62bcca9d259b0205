using LeadDesk.RouteController.Greetings;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace LeadDesk.RouteController.Http;

/// <summary>
/// <c>GET /media/greetings/AGENT/VERSION.wav</c>: Asterisk's media cache fetching an agent's greeting while a
/// voicemail caller waits for it (<see cref="GreetingMedia"/>); the version in the URL is the cache key. 404 when that
/// version is not the agent's current greeting, or the database cannot say.
/// </summary>
internal sealed partial class GreetingMediaHandler(GreetingMedia greetings, ILogger<GreetingMediaHandler> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var path = RawPath(context);
        var wav = await ServeAsync(path, context.RequestAborted).ConfigureAwait(false);
        if (wav is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await Answer.WriteAsync(context.Response, StatusCodes.Status200OK, "audio/wav", wav).ConfigureAwait(false);
    }

    /// <summary>The path as the client escaped it: <see cref="GreetingMedia.ServeAsync"/> unescapes the agent's id itself.</summary>
    private static string RawPath(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || !target.StartsWith('/'))
        {
            return context.Request.Path.ToUriComponent();
        }

        var query = target.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? target : target[..query];
    }

    private async Task<byte[]?> ServeAsync(string path, CancellationToken ct)
    {
        try
        {
            return await greetings.ServeAsync(path, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or LeadDesk.Store.RoutingRefusedException)
        {
            LogGreetingUnserved(path, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Greeting {Path} could not be served: {Error}")]
    private partial void LogGreetingUnserved(string path, string error);
}
