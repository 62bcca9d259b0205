using LeadDesk.RouteController.Agents;
using LeadDesk.RouteController.Endpoints;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;
using LeadDesk.RouteController.Routing;
using LeadDesk.Store.Callbacks;

namespace LeadDesk.RouteController.Callbacks;

/// <summary>
/// Gathers the facts of the callback rule for one call (the newest answered outbound call to the caller presenting the
/// dialled number, and whether its agent is on a call now) and lets <see cref="CallbackDecider"/> decide.
/// </summary>
internal sealed class CallbackResolver(
    RouteDirectory directory, PhoneNumberNormalizer numbers, AgentClaims claims, AgentPhones phones, TimeProvider time)
{
    public async Task<CallbackDecision> DecideAsync(InboundRoute? route, RouteDecision ownRoute, string? callerNumber, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        string? caller = numbers.TryNormalizeCaller(callerNumber, out var e164) ? e164 : null;
        CallbackCandidate? last = null;
        var onCall = false;

        // No query at all for a number without a window or a caller without a number: most calls cost nothing extra.
        if (route is { Owned: true, CallbackWindow: not null } && caller is not null)
        {
            last = await directory.FindCallbackAsync(caller, route.Number, ct).ConfigureAwait(false);
            if (last is { LoggedIn: true })
            {
                // Ours or Asterisk's view: on an inbound call here, an outbound dial, or a call we do not drive.
                // A phone Asterisk does not know cannot be rung either (dialled on this Asterisk, that is).
                onCall = await claims.IsClaimedAsync(last.AgentId, ct).ConfigureAwait(false)
                    || await phones.StateAsync(last.Extension, ct).ConfigureAwait(false) is not AgentPhoneState.Free;
            }
        }

        return CallbackDecider.Decide(route, ownRoute, new CallbackFacts(caller, last, onCall, now));
    }
}
