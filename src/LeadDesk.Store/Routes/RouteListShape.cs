namespace LeadDesk.Store.Routes;

/// <summary>What a listing needs before its first row: how many rows match, and the widest value of each text column.</summary>
public sealed record RouteListShape(int Count, int NumberWidth, int UserWidth, int DestinationWidth);
