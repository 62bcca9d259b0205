namespace LeadDesk.Admin.Web.Routes;

/// <summary>What a committed change did, as the CLI reports it.</summary>
/// <param name="Said">The destination in words ("Erin Agent", "queue sales"), for the page's result line.</param>
public sealed record RouteChangeResponse(int Changed, int Unchanged, string Destination, IReadOnlyList<string> Warnings, string Said);
