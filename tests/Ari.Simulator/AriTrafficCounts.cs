namespace LeadDesk.Ari.Simulator;

/// <summary>What <see cref="AriTraffic.Take"/> returns: requests by kind, events delivered and events the filter kept back, by type.</summary>
public sealed record AriTrafficCounts(
    IReadOnlyDictionary<string, long> Requests,
    IReadOnlyDictionary<string, long> EventsDelivered,
    IReadOnlyDictionary<string, long> EventsFiltered)
{
    public long TotalRequests => Requests.Values.Sum();

    public long TotalEventsDelivered => EventsDelivered.Values.Sum();

    public long TotalEventsFiltered => EventsFiltered.Values.Sum();
}
