using LeadDesk.Ari.Client.Models;
using LeadDesk.Store.Numbers;

namespace LeadDesk.RouteController.Callers;

/// <summary>Gathers the <see cref="CallerFacts"/> of a carrier call and lets <see cref="CallerIdRule"/> decide.</summary>
internal sealed class CallerResolver(PhoneNumberNormalizer numbers)
{
    public CallerIdentity Resolve(CallerId? caller)
    {
        var sent = caller?.Number;
        var e164 = numbers.TryNormalizeCaller(sent, out var normalised) ? normalised : null;
        return CallerIdRule.Decide(new CallerFacts(sent, caller?.Name, e164));
    }
}
