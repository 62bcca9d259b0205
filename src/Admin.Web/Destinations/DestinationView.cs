using LeadDesk.Store.Destinations;

namespace LeadDesk.Admin.Web.Destinations;

/// <summary>A custom destination as listed.</summary>
public sealed record DestinationView(string Name, string Kind, string Target, string? Context, string? Exten, int? Priority, string? Endpoint, string? Number)
{
    public static DestinationView From(CustomDestination d) =>
        new(d.Name, d.Kind.ToString().ToLowerInvariant(), d.Target, d.Context, d.Extension, d.Priority, d.Endpoint, d.Number);
}
