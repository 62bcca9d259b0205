using LeadDesk.Store.Callbacks;
namespace LeadDesk.Store.Routing;

/// <summary>
/// Where a carrier call goes, decided from the store alone (docs/behaviour.md's behaviour table). Pure data: the
/// call flow carries it out, so every row of the table is testable without a socket. In the store library so the
/// controller and <c>leaddesk-admin routes explain</c> decide with one copy of the rules.
/// </summary>
public abstract record RouteDecision
{
    /// <summary>The route type for the call log and logs: unknown, unassigned, agent, queue, custom (callback: see <see cref="CallbackDecider"/>).</summary>
    public abstract string Route { get; }

    /// <summary>Not in our inventory: reject as unallocated (SIP 404, cause 1).</summary>
    public sealed record Unknown : RouteDecision
    {
        public override string Route => "unknown";
    }

    /// <summary>Ours but free (or not owned at the carrier): the not-in-service treatment.</summary>
    public sealed record NotAssigned : RouteDecision
    {
        public override string Route => "unassigned";
    }

    public sealed record Queue(string QueueName) : RouteDecision
    {
        public override string Route => "queue";
    }

    /// <summary>A support-made dialplan target.</summary>
    public sealed record Dialplan(string DestinationName, string Context, string Extension, int Priority) : RouteDecision
    {
        public override string Route => "custom";
    }

    /// <summary>A support-made destination we ring and bridge: another endpoint, or an external number via the trunk.</summary>
    public sealed record CustomEndpoint(string DestinationName, string Dialstring) : RouteDecision
    {
        public override string Route => "custom";
    }

    /// <summary>A custom destination that cannot be dialled as configured (an external number with no trunk set).</summary>
    public sealed record Misconfigured(string DestinationName, string Problem) : RouteDecision
    {
        public override string Route => "custom";
    }

    /// <summary>Logged in: ring their phone unless they are already on a call.</summary>
    /// <param name="Extension">The agent's extension (digits); the controller makes its dial string (<c>Agents:DialString</c>).</param>
    public sealed record RingAgent(string AgentId, string Extension) : RouteDecision
    {
        public override string Route => "agent";
    }

    /// <summary>Logged out with voicemail as the not-reachable destination.</summary>
    public sealed record Voicemail(string AgentId, string Email, string? AgentName = null) : RouteDecision
    {
        public override string Route => "agent";
    }

    /// <summary>Logged out with no not-reachable destination: the disconnected tone.</summary>
    public sealed record AgentUnreachable(string AgentId) : RouteDecision
    {
        public override string Route => "agent";
    }
}
