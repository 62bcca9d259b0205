using LeadDesk.RouteController.Calls;
using LeadDesk.Ari.Client.Events;

namespace LeadDesk.RouteController.Routing;

/// <summary>The number the carrier says the caller dialled, as it arrived in Stasis.</summary>
internal static class DialledNumber
{
    /// <summary>
    /// <c>Stasis(leaddesk,inbound,${EXTEN})</c> passes it as the second argument; a dialplan that leaves it out
    /// still has it in the channel's <c>dialplan.exten</c>.
    /// </summary>
    public static string FromStasisStart(StasisStart start) =>
        StasisArguments.Subject(start) ?? start.Channel.Dialplan.Exten;
}
