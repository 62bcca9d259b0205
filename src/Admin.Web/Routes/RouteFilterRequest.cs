namespace LeadDesk.Admin.Web.Routes;

/// <summary>The table's filter as the page sends it: a destination type token and the search text.</summary>
public sealed record RouteFilterRequest(string? Type, string? Q, bool? Owned = null);
