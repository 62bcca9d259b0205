namespace LeadDesk.Store.Routes;

/// <summary>One recorded routing change: who changed which number from where to where, and when.</summary>
public sealed record RouteAuditEntry(long Id, DateTimeOffset ChangedAt, string Number, string OldDestination, string NewDestination, string Actor);
