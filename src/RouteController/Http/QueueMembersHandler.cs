using System.Text;
using LeadDesk.RouteController.Agents;
using LeadDesk.RouteController.Queues;
using LeadDesk.Store.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace LeadDesk.RouteController.Http;

/// <summary>
/// <c>POST /realtime/queue_members/{multi,require,update}</c>: app_queue's realtime members, read by this controller's
/// Asterisk through res_config_curl (asterisk-config/extconfig.conf) each time a queue is used, so the store is the one
/// list of who answers a queue on every Asterisk, with no queues.conf edited and no reload. <c>multi</c> answers the
/// members of the queue named by <c>queue_name</c> (<see cref="QueueMemberFeed"/>); <c>require</c> says the fields are
/// there; <c>update</c> (app_queue storing a pause) is refused: membership is changed in the store only.
/// </summary>
internal sealed partial class QueueMembersHandler(QueueMembership members, AgentDialString dialString, ILogger<QueueMembersHandler> logger)
{
    public const string PathPrefix = "/realtime/queue_members/";

    /// <summary>A form body larger than this is no query of app_queue's.</summary>
    private const int MaxBody = 4096;

    public async Task HandleAsync(HttpContext context)
    {
        var operation = (context.Request.Path.Value ?? "")[PathPrefix.Length..];
        switch (operation)
        {
            case "require":
                await WriteAsync(context, "0").ConfigureAwait(false);
                return;
            case "multi":
                break;
            default:
                await WriteAsync(context, "-1").ConfigureAwait(false);
                return;
        }

        var form = await ReadFormAsync(context).ConfigureAwait(false);
        var queue = form.TryGetValue("queue_name", out var name) ? name.ToString() : "";
        try
        {
            var list = await members.ForAsteriskAsync(queue, context.RequestAborted).ConfigureAwait(false);
            await WriteAsync(context, QueueMemberFeed.Lines(list, dialString)).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException e)
        {
            // app_queue then keeps no realtime members for this call: the queue is empty, the caller hears busy.
            LogUnserved(queue, e.Message);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
    }

    private static async Task<Dictionary<string, Microsoft.Extensions.Primitives.StringValues>> ReadFormAsync(HttpContext context)
    {
        var buffer = new byte[MaxBody];
        var read = await context.Request.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, context.RequestAborted).ConfigureAwait(false);
        return QueryHelpers.ParseQuery(Encoding.UTF8.GetString(buffer, 0, read));
    }

    private static Task WriteAsync(HttpContext context, string text) =>
        Answer.WriteAsync(context.Response, StatusCodes.Status200OK, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the members of queue {Queue} for Asterisk: {Error}")]
    private partial void LogUnserved(string queue, string error);
}
