namespace LeadDesk.Bench;

/// <summary>One call to place: its kind, the number dialled and, for an agent calling out, the agent's extension.</summary>
internal sealed record CallSpec(CallKind Kind, string Number, string? Extension = null);
