namespace LeadDesk.Admin.Web.Destinations;

/// <summary>A custom destination as the form sends it: the kind and that kind's fields.</summary>
/// <param name="Kind"><c>dialplan</c> (context, exten, priority), <c>endpoint</c> (TECH/RESOURCE) or <c>number</c>.</param>
public sealed record DestinationRequest(string? Name, string? Kind, string? Context, string? Exten, int? Priority, string? Endpoint, string? Number);
