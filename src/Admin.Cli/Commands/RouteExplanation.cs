using LeadDesk.Store.Routing;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary>
/// <c>routes explain</c>: what a call to a number (from a caller) would do now, and why, in plain words. The decision
/// and its words are <see cref="RouteExplainer"/>'s (LeadDesk.Store), shared with the web admin's pop-up; this prints them.
/// </summary>
internal static class RouteExplanation
{
    public static async Task RunAsync(CliContext ctx, string e164, string? from, CancellationToken ct)
    {
        var settings = new ExplainSettings(
            ctx.Setting("Routing:OutboundTrunk") ?? "carrier",
            ctx.Setting("Routing:RingTimeoutSeconds") ?? "25",
            ctx.Setting("Routing:CallbackRingSeconds") ?? "20");
        var explained = await RouteExplainer.ExplainAsync(ctx.Store, ctx.Normalizer, e164, from, settings, ct).ConfigureAwait(false);
        if (ctx.Json)
        {
            ctx.WriteJson(new
            {
                number = explained.Number,
                known = explained.Known,
                owned = explained.Owned,
                destinationType = explained.DestinationType,
                route = explained.Route,
                callbackWindow = explained.CallbackWindow,
                from = explained.From,
                callback = new { rule = explained.CallbackRule, agent = explained.CallbackAgent, agentCalledAt = explained.AgentCalledAt },
                explanation = explained.Lines,
            });
            return;
        }

        foreach (var line in explained.Lines)
        {
            ctx.Say(line);
        }
    }
}
