namespace LeadDesk.RouteController.Queues;

/// <summary>
/// The device state app_queue judges a queue member by on a site behind the SIP proxy: <c>Stasis:agent-&lt;extension&gt;</c>,
/// set by the controllers from the agent claims (which every controller of the site shares), because no Asterisk
/// sees the phone itself. Pure: the table of what to publish.
/// </summary>
internal static class AgentDeviceState
{
    public const string InUse = "INUSE";

    public const string NotInUse = "NOT_INUSE";

    /// <summary>The member's state interface: <c>Stasis:agent-1001</c> (ARI controls only the <c>Stasis:</c> prefix).</summary>
    public static string DeviceName(string extension) => LeadDesk.Ari.Client.Rest.DeviceStatesResource.ControlledPrefix + "agent-" + extension;

    /// <summary>
    /// What to set now: each answering agent's state from whether a claim holds them, leaving out what
    /// <paramref name="published"/> says Asterisk already has.
    /// </summary>
    public static IReadOnlyList<(string Extension, string State)> Changes(
        IReadOnlyList<(string AgentId, string Extension)> answering, IReadOnlySet<string> held, IReadOnlyDictionary<string, string> published) =>
        answering
            .Select(a => (a.Extension, State: held.Contains(a.AgentId) ? InUse : NotInUse))
            .Where(a => !published.TryGetValue(a.Extension, out var was) || was != a.State)
            .ToList();
}
