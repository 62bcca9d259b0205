namespace LeadDesk.Store.Numbers;

/// <summary>A number to put in the inventory: from <c>numbers add</c> or one CSV line of <c>numbers import</c>.</summary>
/// <param name="Label">Null keeps an existing label.</param>
/// <param name="Owned">Whether the company owns it at the carrier; only owned numbers can be routed.</param>
public sealed record NumberImportRow(NumberEntry Entry, string? Label, bool Owned);
