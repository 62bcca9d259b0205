namespace LeadDesk.Admin.Web.Routes;

/// <summary>
/// The assign pop-up: the selected numbers, or every number matching <see cref="Filter"/>, to one agent, or to
/// nobody when <see cref="Agent"/> is null (unassign). Exactly one of <see cref="Numbers"/> and <see cref="Filter"/>.
/// </summary>
public sealed record AssignRequest(IReadOnlyList<string>? Numbers, RouteFilterRequest? Filter, string? Agent);
