using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Validation;

namespace LeadDesk.Admin.Web.Routes;

/// <summary>One row of the Inbound routes table, with the article's column names.</summary>
/// <param name="CallbackWindow">The callback window in the CLI's words (<c>7d</c>, <c>12h</c>); null when callback routing is off.</param>
/// <param name="Selectable">False for inbound-queue numbers: they are greyed out and cannot be given to an agent.</param>
public sealed record RouteRow(
    string Number,
    string? Label,
    bool Owned,
    string DestinationType,
    string DestinationTypeName,
    string? DestinationUser,
    string? DestinationUserName,
    string? Destination,
    string? CallbackWindow,
    bool Selectable)
{
    public static RouteRow From(InboundNumber n) => new(
        n.Number,
        n.Label,
        n.Owned,
        n.DestinationType.ToToken(),
        TypeName(n.DestinationType),
        n.AgentId,
        n.AgentName,
        n.Destination,
        n.CallbackWindow is { } window ? InputRules.DescribeCallbackWindow(window) : null,
        n.DestinationType != Store.Routes.DestinationType.Queue);

    /// <summary>The article's names: Agent, Inbound queue, Custom, Not assigned.</summary>
    public static string TypeName(DestinationType type) => type switch
    {
        Store.Routes.DestinationType.Agent => "Agent",
        Store.Routes.DestinationType.Queue => "Inbound queue",
        Store.Routes.DestinationType.Custom => "Custom",
        _ => "Not assigned",
    };
}
