namespace LeadDesk.Store.Routes;

/// <summary>Which routes <c>routes list</c> shows: filters, then one page of them in number order.</summary>
/// <param name="Type">Only this destination type.</param>
/// <param name="AgentId">Only numbers routed to this agent (case-insensitive).</param>
/// <param name="Search">Text found in the number (digits), the label, the agent's id or name, or the destination.</param>
/// <param name="Limit">At most this many rows; null for all.</param>
/// <param name="Offset">Rows skipped first (paging).</param>
public sealed record RouteQuery(
    DestinationType? Type = null,
    string? AgentId = null,
    string? Search = null,
    int? Limit = null,
    int Offset = 0);
