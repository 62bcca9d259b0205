namespace LeadDesk.RouteController.Callers;

/// <summary>What a carrier call says about its caller, as Asterisk reports it (the caller's to choose).</summary>
/// <param name="SentNumber">The caller-ID number as sent (From or P-Asserted-Identity user): digits, <c>anonymous</c>, a SIP user name, empty.</param>
/// <param name="SentName">The caller-ID name as sent, if any.</param>
/// <param name="E164">The number normalised to E.164, null when it is no phone number.</param>
internal sealed record CallerFacts(string? SentNumber, string? SentName, string? E164);
