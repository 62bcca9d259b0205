namespace LeadDesk.Admin.Web.Routes;

/// <summary>What a committed change did, as the CLI reports it.</summary>
public sealed record RouteChangeResponse(int Changed, int Unchanged, string Destination, IReadOnlyList<string> Warnings);
