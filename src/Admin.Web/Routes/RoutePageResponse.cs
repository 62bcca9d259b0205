namespace LeadDesk.Admin.Web.Routes;

/// <summary>A page of the table and the number of all rows that match the filter.</summary>
public sealed record RoutePageResponse(int Total, int Offset, int Limit, IReadOnlyList<RouteRow> Items);
