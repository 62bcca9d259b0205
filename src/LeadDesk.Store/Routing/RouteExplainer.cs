using System.Globalization;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Destinations;
using LeadDesk.Store.Outbound;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Validation;
using LeadDesk.Store.Callbacks;

namespace LeadDesk.Store.Routing;

/// <summary>
/// What a call to a number (from a caller) would do now, and why, in plain words: <c>routes explain</c> in the CLI and
/// "What happens if someone calls now?" in the web admin. It reads the store as the controller does and decides with
/// the controller's own <see cref="RouteDecider"/> and <see cref="CallbackDecider"/>, so the answer cannot drift from
/// what calls get, and the two front ends cannot drift from each other.
/// </summary>
public static class RouteExplainer
{
    public static async Task<CallExplanation> ExplainAsync(
        RoutingStore store, PhoneNumberNormalizer normalizer, string e164, string? from, ExplainSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(normalizer);
        ArgumentNullException.ThrowIfNull(settings);
        using var directory = new RouteDirectory(store);
        var route = await directory.FindAsync(e164, ct).ConfigureAwait(false);
        var rules = route?.Destination is { Kind: DestinationKind.Number }
            ? DialRules.From(normalizer, await new OutboundSettingsStore(store, normalizer).GetAsync(ct).ConfigureAwait(false))
            : null;
        var own = RouteDecider.Decide(route, settings.OutboundTrunk, rules);
        var caller = from is not null && normalizer.TryNormalizeCaller(from, out var c) ? c : null;
        var last = route is { Owned: true, CallbackWindow: not null } && caller is not null
            ? await directory.FindCallbackAsync(caller, e164, ct).ConfigureAwait(false)
            : null;
        var now = store.Time.GetUtcNow();
        // Whether the agent is on a call only the controller knows: decided as free, and the on-call case said as "if".
        var callback = CallbackDecider.Decide(route, own, new CallbackFacts(caller, last, AgentOnCall: false, now));

        var lines = new List<string> { Route(settings, e164, route, own) };
        lines.AddRange(Agent(route));
        lines.AddRange(Callback(settings, route, from, caller, callback));
        var agent = (callback as CallbackDecision.RingFirst)?.Agent ?? (callback as CallbackDecision.OwnRouteOnly)?.Agent;
        return new CallExplanation(
            e164,
            route is not null,
            route?.Owned,
            route?.DestinationType.ToToken(),
            own.Route,
            route?.CallbackWindow is { } w ? InputRules.DescribeCallbackWindow(w) : null,
            from,
            callback is CallbackDecision.RingFirst ? "ring-first" : Token(((CallbackDecision.OwnRouteOnly)callback).Why),
            agent?.AgentId,
            agent?.CalledAt,
            lines);
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

    private static string Route(ExplainSettings settings, string e164, InboundRoute? route, RouteDecision own)
    {
        var ring = settings.RingTimeoutSeconds;
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
        ExplainSettings settings, InboundRoute? route, string? from, string? caller, CallbackDecision callback)
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

        var ringSeconds = settings.CallbackRingSeconds;
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

/// <summary>The controller's settings an explanation names: the trunk custom numbers are dialled on and the ring times.</summary>
public sealed record ExplainSettings(string OutboundTrunk = "carrier", string RingTimeoutSeconds = "25", string CallbackRingSeconds = "20");

/// <summary>An explanation: the facts (as <c>routes explain --json</c> gives them) and the lines in plain words.</summary>
/// <param name="CallbackRule"><c>ring-first</c>, <c>off</c>, <c>no-caller-number</c>, <c>no-answered-call</c>, <c>window-expired</c>, <c>own-agent</c>, <c>agent-logged-out</c>, <c>not-routable</c>.</param>
public sealed record CallExplanation(
    string Number,
    bool Known,
    bool? Owned,
    string? DestinationType,
    string Route,
    string? CallbackWindow,
    string? From,
    string CallbackRule,
    string? CallbackAgent,
    DateTimeOffset? AgentCalledAt,
    IReadOnlyList<string> Lines);
