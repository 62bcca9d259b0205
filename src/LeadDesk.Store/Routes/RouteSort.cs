namespace LeadDesk.Store.Routes;

/// <summary>The columns the Inbound routes table sorts by; ties are broken by number.</summary>
public enum RouteSort
{
    Number,
    DestinationUser,
    Destination,
    DestinationType,
}
