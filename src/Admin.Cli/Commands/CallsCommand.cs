using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using LeadDesk.Store.Agents;
using LeadDesk.Store.CallLog;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary><c>calls</c>: the call log the controller writes.</summary>
internal static class CallsCommand
{
    public static Command Create(CommandFactory factory)
    {
        var group = new Command("calls", "The call log (written by the route controller, one row per call)");
        var limit = CommandFactory.Limit("How many calls, newest first", 50);
        var direction = new Option<string?>("--direction") { Description = "Only inbound (carrier callers) or outbound (agents calling leads) calls", HelpName = "inbound|outbound" };
        var list = factory.Leaf("calls", "list", "List recent calls", async (ctx, pr, ct) =>
        {
            var n = pr.GetValue(limit)!.Value;
            CallDirection? only = null;
            if (pr.GetValue(direction) is { } d)
            {
                only = CallDirections.TryParse(d, out var parsed) ? parsed : throw new UsageException("--direction must be inbound or outbound.");
            }

            var calls = await new CallLogStore(ctx.Store).ListAsync(n, only, ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(calls.Select(c => new
                {
                    id = c.Id,
                    channelId = c.ChannelId,
                    startedAt = c.StartedAt,
                    answeredAt = c.AnsweredAt,
                    endedAt = c.EndedAt,
                    dialled = c.DialledNumber,
                    caller = c.CallerNumber,
                    callerName = c.CallerName,
                    route = c.RouteType,
                    agent = c.AgentId,
                    destination = c.Destination,
                    outcome = c.Outcome?.ToToken(),
                    detail = c.Detail,
                    durationMs = (long?)c.TotalDuration?.TotalMilliseconds,
                    talkMs = (long?)c.TalkDuration?.TotalMilliseconds,
                    direction = c.Direction.ToToken(),
                    lead = c.LeadNumber,
                    callerIdUsed = c.CallerIdUsed,
                }));
                return;
            }

            if (calls.Count == 0)
            {
                ctx.Say("No calls yet.");
                return;
            }

            var table = new Table().AddColumns("Started (UTC)", "Direction", "Dialled", "Caller", "Caller ID used", "Route", "Agent", "Outcome", "Duration", "Talk");
            table.Columns[2].NoWrap();
            table.Columns[4].NoWrap();
            foreach (var c in calls)
            {
                table.AddRow(
                    new Text(c.StartedAt.ToString("u", CultureInfo.InvariantCulture)),
                    new Text(c.Direction.ToToken()),
                    new Text(c.DialledNumber),
                    new Text(c.CallerName is null ? c.CallerNumber : $"{c.CallerNumber} ({c.CallerName})"),
                    new Text(c.CallerIdUsed ?? ""),
                    new Text(c.RouteType ?? ""),
                    new Text(c.AgentId ?? ""),
                    new Text(c.Outcome?.ToToken() ?? "in progress"),
                    new Text(Seconds(c.TotalDuration)),
                    new Text(Seconds(c.TalkDuration)));
            }

            ctx.Console().Write(table);
        });
        list.Options.Add(limit);
        list.Options.Add(direction);
        group.Subcommands.Add(list);
        return group;
    }

    private static string Seconds(TimeSpan? d) => d is { } v ? v.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "";
}
