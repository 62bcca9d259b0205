using System.Globalization;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Destinations;
using LeadDesk.Store.Outbound;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Routing;
using LeadDesk.Store.Validation;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary>
/// <c>routes explain</c>: what a call to a number (from a caller) would do now, and why, in plain words. It reads the
/// store as the controller does and decides with the controller's own <see cref="RouteDecider"/> and
/// <see cref="CallbackDecider"/>, so the answer cannot drift from what calls get.
/// </summary>
internal static class RouteExplanation
{
    public static async Task RunAsync(CliContext ctx, string e164, string? from, CancellationToken ct)
    {
        using var directory = new RouteDirectory(ctx.Store);
        var route = await directory.FindAsync(e164, ct).ConfigureAwait(false);
        var trunk = ctx.Setting("Routing:OutboundTrunk") ?? "carrier";
        var rules = route?.Destination is { Kind: DestinationKind.Number }
            ? DialRules.From(ctx.Normalizer, await new OutboundSettingsStore(ctx.Store, ctx.Normalizer).GetAsync(ct).ConfigureAwait(false))
            : null;
        var own = RouteDecider.Decide(route, trunk, rules);
        var caller = from is not null && ctx.Normalizer.TryNormalizeCaller(from, out var c) ? c : null;
        var last = route is { Owned: true, CallbackWindow: not null } && caller is not null
            ? await directory.FindCallbackAsync(caller, e164, ct).ConfigureAwait(false)
            : null;
        var now = ctx.Store.Time.GetUtcNow();
        // Whether the agent is on a call only the controller knows: decided as free, and the on-call case said as "if".
        var callback = CallbackDecider.Decide(route, own, new CallbackFacts(caller, last, AgentOnCall: false, now));

        var lines = new List<string> { Route(ctx, e164, route, own) };
        lines.AddRange(Agent(route));
        lines.AddRange(Callback(ctx, route, from, caller, callback));

        if (ctx.Json)
        {
            ctx.WriteJson(new
            {
                number = e164,
                known = route is not null,
                owned = route?.Owned,
                destinationType = route?.DestinationType.ToToken(),
                route = own.Route,
                callbackWindow = route?.CallbackWindow is { } w ? InputRules.DescribeCallbackWindow(w) : null,
                from,
                callback = new
                {
                    rule = callback is CallbackDecision.RingFirst ? "ring-first" : Token(((CallbackDecision.OwnRouteOnly)callback).Why),
                    agent = (callback as CallbackDecision.RingFirst)?.Agent.AgentId ?? (callback as CallbackDecision.OwnRouteOnly)?.Agent?.AgentId,
                    agentCalledAt = ((callback as CallbackDecision.RingFirst)?.Agent ?? (callback as CallbackDecision.OwnRouteOnly)?.Agent)?.CalledAt,
                },
                explanation = lines,
            });
            return;
        }

        foreach (var line in lines)
        {
            ctx.Say(line);
        }
    }

    private static string Token(CallbackSkip why) => why switch
    {
        CallbackSkip.NotRoutable => "not-routable",
        CallbackSkip.Off => "off",
        CallbackSkip.NoCallerNumber => "no-caller-number",
        CallbackSkip.NoAnsweredCall => "no-answered-call",
        CallbackSkip.WindowExpired => "window-expired",
        CallbackSkip.OwnAgent => "own-agent",
        CallbackSkip.AgentLoggedOut => "agent-logged-out",
        _ => "agent-on-call",
    };

    private static string Route(CliContext ctx, string e164, InboundRoute? route, RouteDecision own)
    {
        var ring = ctx.Setting("Routing:RingTimeoutSeconds") ?? "25";
        return (route, own) switch
        {
            (null, _) => $"{e164} is not in the number inventory: a call from the carrier is rejected as unallocated (SIP 404, cause 1), so the carrier's caller hears the carrier's own 'number not in use' announcement.",
            ({ Owned: false }, _) => $"{e164} is in the inventory but not owned at the carrier: nothing routes there; a call that arrives anyway hears the not-in-service tone.",
            (_, RouteDecision.NotAssigned) => $"{e164} is Not assigned: the caller hears the not-in-service tone (early media, no answer, no charge), then the call is released.",
            (_, RouteDecision.Queue q) => $"{e164} is an Inbound queue number: calls go to queue '{q.QueueName}' (Asterisk's app_queue), where its logged-in members ring.",
            (_, RouteDecision.Dialplan d) => $"{e164} is Custom: calls go to destination '{d.DestinationName}', the dialplan at {d.Context},{d.Extension},{d.Priority}.",
            (_, RouteDecision.CustomEndpoint e) => $"{e164} is Custom: calls go to destination '{e.DestinationName}' ({e.Dialstring}), which rings and is bridged on answer.",
            (_, RouteDecision.Misconfigured m) => $"{e164} is Custom: destination '{m.DestinationName}' cannot be used ({m.Problem}); callers hear a fast busy.",
            (_, RouteDecision.RingAgent a) => $"{e164} is an Agent number of {a.AgentId}: they are logged in, so their phone (extension {a.Extension}) rings for {ring} s with ringback to the caller; if they are on a call, busy, reject or do not answer, the caller hears a busy tone.",
            (_, RouteDecision.Voicemail v) => $"{e164} is an Agent number of {v.AgentId}: they are logged out, so the caller gets their not-reachable destination: voicemail, e-mailed to {v.Email}.",
            (_, RouteDecision.AgentUnreachable u) => $"{e164} is an Agent number of {u.AgentId}: they are logged out and have no not-reachable destination, so the caller hears the not-in-service tone.",
            _ => $"{e164}: {own.Route}.",
        };
    }

    private static IEnumerable<string> Agent(InboundRoute? route)
    {
        if (route is not { Owned: true, DestinationType: DestinationType.Agent, Agent: { } agent })
        {
            yield break;
        }

        yield return $"Agent {agent.AgentId} ({agent.Name}), extension {agent.Extension}: {(agent.LoggedIn ? "logged in" : "logged out")}; "
            + $"not reachable: {(agent.UnreachableDestination is UnreachableDestination.Voicemail v ? "voicemail to " + v.Email : "none (the not-in-service tone)")}; "
            + (agent.HasGreeting ? "has recorded a voicemail greeting." : "has recorded no greeting (voicemail plays the default prompt).");
    }

    private static IEnumerable<string> Callback(
        CliContext ctx, InboundRoute? route, string? from, string? caller, CallbackDecision callback)
    {
        if (route is not { Owned: true })
        {
            yield break;
        }

        if (route.CallbackWindow is not { } window)
        {
            yield return "Callback routing is off for this number: every caller gets the route above ('routes callback NUMBER --window 7d' turns it on).";
            yield break;
        }

        var ringSeconds = ctx.Setting("Routing:CallbackRingSeconds") ?? "20";
        var w = InputRules.DescribeCallbackWindow(window);
        yield return $"Callback window {w}: a caller whom an agent's answered outbound call presenting this number reached within the last {w} rings that agent first "
            + $"(for {ringSeconds} s, Routing:CallbackRingSeconds), when they are logged in and not on a call; otherwise, or on no answer, the route above, with ringback throughout.";
        if (from is null)
        {
            yield return "Give --from CALLER to see which agent that caller's callback would reach.";
            yield break;
        }

        var who = caller ?? InputRules.Describe(from);
        static string At(CallbackCandidate a) => a.CalledAt.ToString("u", CultureInfo.InvariantCulture);
        switch (callback)
        {
            case CallbackDecision.RingFirst first:
                yield return $"From {who}: agent {first.Agent.AgentId} ({first.Agent.Name}) spoke with this caller last (answered call at {At(first.Agent)}), "
                    + $"is logged in, and rings first on extension {first.Agent.Extension}.";
                yield return $"If {first.Agent.AgentId} is on a call, busy, or does not answer within {ringSeconds} s, the caller keeps hearing ringback (never a busy tone or {first.Agent.AgentId}'s voicemail) and the call goes on to the route above.";
                break;
            case CallbackDecision.OwnRouteOnly skipped:
                yield return $"From {who}: " + skipped.Why switch
                {
                    CallbackSkip.NoCallerNumber => "anonymous or not a phone number, so there is no lead to match: the route above at once.",
                    CallbackSkip.NoAnsweredCall => "no agent's answered outbound call to this caller presented this number: the route above at once.",
                    CallbackSkip.WindowExpired => $"the last answered call presenting this number was agent {skipped.Agent!.AgentId}'s at {At(skipped.Agent)}, older than {w}: the window has expired, the route above at once.",
                    CallbackSkip.OwnAgent => $"agent {skipped.Agent!.AgentId} spoke with this caller last and is this number's own agent: the route above rings them (no second ring).",
                    CallbackSkip.AgentLoggedOut => $"agent {skipped.Agent!.AgentId} spoke with this caller last (at {At(skipped.Agent)}) but is logged out: the route above at once (not {skipped.Agent.AgentId}'s voicemail).",
                    _ => $"agent {skipped.Agent?.AgentId} is on a call: the route above at once.",
                };
                break;
        }
    }
}
