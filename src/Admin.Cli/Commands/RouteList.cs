using System.Text.Json;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;
using Spectre.Console;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary>
/// Writes <c>routes list</c> as the rows arrive from the store: aligned columns whose widths the store measured
/// first, one line per number, so 100,000 numbers never sit in memory as a table. The number comes first on each
/// line and is never broken, whatever the terminal's width.
/// </summary>
internal static class RouteList
{
    private const string Gap = "  ";
    private static readonly string[] Headers = ["Inbound number", "Destination user", "Destination", "Destination type", "Callback"];

    public static async Task WriteAsync(CliContext ctx, RouteTable routes, RouteQuery query, CancellationToken ct)
    {
        if (ctx.Json)
        {
            await WriteJsonAsync(ctx, routes.StreamAsync(query, ct)).ConfigureAwait(false);
            return;
        }

        var shape = await routes.ShapeAsync(query, ct).ConfigureAwait(false);
        if (shape.Count == 0 || query.Offset >= shape.Count)
        {
            ctx.Say(shape.Count > 0 ? $"No routes on this page: {shape.Count} match, {query.Limit} a page."
                : query is { Type: null, AgentId: null, Search: null } ? "No inbound numbers yet: add them with 'numbers add' or 'numbers import'."
                : "No routes match.");
            return;
        }

        int[] widths =
        [
            Math.Max(Headers[0].Length, shape.NumberWidth),
            Math.Max(Headers[1].Length, shape.UserWidth),
            Math.Max(Headers[2].Length, shape.DestinationWidth),
            Headers[3].Length,
        ];
        var console = ctx.Console();
        var styled = console.Profile.Capabilities.Ansi;

        // Console.Out flushes on every write: plain output is gathered in blocks so 100,000 lines are not 100,000 writes.
        var block = new System.Text.StringBuilder();
        void Line(string text, Style style)
        {
            if (styled)
            {
                console.Write(new Text(text + "\n", style));
                return;
            }

            block.Append(text).Append('\n');
            if (block.Length > 64 * 1024)
            {
                ctx.Out.Write(block.ToString());
                block.Clear();
            }
        }

        Line(Row(widths, Headers[0], Headers[1], Headers[2], Headers[3], Headers[4]), new Style(decoration: Decoration.Bold));
        Line(Row(widths, new string('-', widths[0]), new string('-', widths[1]), new string('-', widths[2]), new string('-', widths[3]), new string('-', Headers[4].Length)), Style.Plain);
        var shown = 0;
        await foreach (var r in routes.StreamAsync(query, ct).ConfigureAwait(false))
        {
            // Queue numbers are shown greyed out, as on the web screen: they cannot be given to an agent.
            var style = r.DestinationType == DestinationType.Queue ? new Style(Color.Grey) : Style.Plain;
            var user = r.AgentId is null ? "" : r.AgentName is null ? r.AgentId : $"{r.AgentId} ({r.AgentName})";
            var callback = r.CallbackWindow is { } w ? LeadDesk.Store.Validation.InputRules.DescribeCallbackWindow(w) : "";
            Line(Row(widths, r.Number + (r.Owned ? "" : " (not owned)"), user, r.Destination ?? "", RoutesCommand.TypeName(r.DestinationType), callback), style);
            shown++;
        }

        ctx.Out.Write(block.ToString());

        if (query.Limit is { } limit && (query.Offset > 0 || shown == limit) && query.Offset + shown < shape.Count)
        {
            var page = query.Offset / limit + 1;
            ctx.Say($"Rows {query.Offset + 1}-{query.Offset + shown} of {shape.Count}: --page {page + 1} for the next {limit}.");
        }
    }

    // "Inbound queue" is the longest type name, and the header "Destination type" is longer still.
    private static string Row(int[] widths, string number, string user, string destination, string type, string callback) =>
        string.Concat(number.PadRight(widths[0]), Gap, user.PadRight(widths[1]), Gap, destination.PadRight(widths[2]), Gap, type.PadRight(widths[3]), Gap, callback).TrimEnd();

    // One element a line as it is read; the array as a whole is valid JSON for scripts.
    private static async Task WriteJsonAsync(CliContext ctx, IAsyncEnumerable<InboundNumber> rows)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var block = new System.Text.StringBuilder("[");
        var first = true;
        await foreach (var r in rows.ConfigureAwait(false))
        {
            block.Append(first ? "\n  " : ",\n  ").Append(JsonSerializer.Serialize(RoutesCommand.ToJson(r), options));
            first = false;
            if (block.Length > 64 * 1024)
            {
                ctx.Out.Write(block.ToString());
                block.Clear();
            }
        }

        ctx.Out.WriteLine(block.Append(first ? "]" : "\n]").ToString());
    }
}
