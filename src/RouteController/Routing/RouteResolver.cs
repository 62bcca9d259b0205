using LeadDesk.Store.Destinations;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Outbound;
using LeadDesk.Store.Routes;

namespace LeadDesk.RouteController.Routing;

/// <summary>
/// Turns the dialled number into a <see cref="RouteDecision"/>: normalise it, read its route from the store
/// (per call, so a change made with the CLI applies to the next call), and decide. A custom destination that is an
/// external number is judged by the dial policy in force now, so the company's allowed regions are read for those
/// calls only (one query more for them, none for the others).
/// </summary>
internal sealed class RouteResolver(RouteDirectory directory, PhoneNumberNormalizer numbers, RoutingOptions options, OutboundSettingsStore outbound)
{
    public async Task<(string? E164, RouteDecision Decision)> ResolveAsync(string dialled, CancellationToken ct)
    {
        var (e164, _, decision) = await ResolveRouteAsync(dialled, ct).ConfigureAwait(false);
        return (e164, decision);
    }

    /// <summary>Like <see cref="ResolveAsync"/>, with the route read from the store (null when unknown).</summary>
    public async Task<(string? E164, InboundRoute? Route, RouteDecision Decision)> ResolveRouteAsync(string dialled, CancellationToken ct)
    {
        if (!numbers.TryNormalize(dialled, out var e164, out _))
        {
            // Not a phone number at all: nothing of ours, so the same answer as a number we don't have.
            return (null, null, new RouteDecision.Unknown());
        }

        var route = await directory.FindAsync(e164, ct).ConfigureAwait(false);
        var rules = route?.Destination is { Kind: DestinationKind.Number }
            ? DialRules.From(numbers, await outbound.GetAsync(ct).ConfigureAwait(false))
            : null;
        return (e164, route, RouteDecider.Decide(route, options.OutboundTrunk, rules));
    }
}
