using LeadDesk.Store.Numbers;

namespace LeadDesk.Store.Routes;

/// <summary>A page of routes and how many numbers match the filter in all.</summary>
public sealed record RoutePage(int Total, int Offset, IReadOnlyList<InboundNumber> Items);
