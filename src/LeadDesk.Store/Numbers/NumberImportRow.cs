namespace LeadDesk.Store.Numbers;

/// <summary>A number to put in the inventory: from <c>numbers add</c> or one CSV line of <c>numbers import</c>.</summary>
/// <param name="Label">Null keeps an existing label (see <paramref name="ClearLabel"/>).</param>
/// <param name="Owned">
/// Whether the company owns it at the carrier (only owned numbers can be routed); null keeps what an existing number
/// has and makes a new one owned, so re-adding a not-owned number never silently makes it routable.
/// </param>
/// <param name="ClearLabel">Removes an existing label; an empty <paramref name="Label"/> alone never does.</param>
public sealed record NumberImportRow(NumberEntry Entry, string? Label, bool? Owned, bool ClearLabel = false);
