using LeadDesk.Ari.Client.Events;

namespace LeadDesk.RouteController.Calls;

/// <summary>
/// The argument format of <c>Stasis(leaddesk,KIND,...)</c>: the first argument says what kind of call a channel
/// entering the application is, for the dialplan (<c>asterisk-config/extensions.conf</c>) and for the legs the
/// controller originates itself. Every flow reads and writes the arguments through here.
/// </summary>
internal static class StasisArguments
{
    /// <summary>A carrier call: <c>Stasis(leaddesk,inbound,${EXTEN})</c>.</summary>
    public const string Inbound = "inbound";

    /// <summary>An agent's feature-code call to record their greeting: <c>Stasis(leaddesk,greeting)</c>.</summary>
    public const string Greeting = "greeting";

    /// <summary>An agent dialling a lead: <c>Stasis(leaddesk,outbound,${EXTEN})</c>.</summary>
    public const string Outbound = "outbound";

    /// <summary>A leg the controller originated; the second argument is the caller's channel id.</summary>
    public const string Leg = "leg";

    /// <summary>The first argument, or empty when the dialplan gave none.</summary>
    public static string Kind(StasisStart start) => start.Args.Count > 0 ? start.Args[0] : "";

    /// <summary>The second argument (the dialled number, or a leg's caller), or null when absent or blank.</summary>
    public static string? Subject(StasisStart start) =>
        start.Args.Count > 1 && !string.IsNullOrWhiteSpace(start.Args[1]) ? start.Args[1] : null;

    /// <summary>The <c>appArgs</c> of a leg originated for the call of <paramref name="callerChannelId"/>.</summary>
    public static string ForLeg(string callerChannelId) => $"{Leg},{callerChannelId}";
}
