namespace LeadDesk.Admin.Web.Routes;

/// <summary>The edit pop-up of one number: the new destination type and the field that type needs.</summary>
/// <param name="Type"><c>agent</c>, <c>queue</c>, <c>custom</c> or <c>unassigned</c>.</param>
/// <param name="FromQueue">For a queue number going to an agent or custom destination: the queue it leaves, as the admin confirmed it.</param>
public sealed record RouteChangeRequest(string? Type, string? Agent, string? Queue, string? Destination, string? FromQueue = null);
