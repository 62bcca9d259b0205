using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Outbound;

namespace LeadDesk.Store.Callbacks;

/// <summary>
/// The warning an admin gets when a caller ID they set does not lead back: 2-way VoIP that silently sends
/// callbacks elsewhere is the failure admins fear, so it is said every time such a caller ID is set.
/// </summary>
public static class CallbackWarnings
{
    /// <summary>Where a callback to <paramref name="number"/> goes today, in words: <c>queue support</c>, <c>agent bob</c>.</summary>
    public static string Destination(InboundNumber number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return number.DestinationType switch
        {
            DestinationType.Agent => $"agent {number.AgentId}",
            DestinationType.Queue => $"queue {number.Destination}",
            DestinationType.Custom => $"custom destination {number.Destination}",
            _ => "nowhere (the number is not assigned)",
        };
    }

    /// <summary>For an agent's card: null when callbacks reach that agent.</summary>
    public static string? ForAgent(InboundNumber number, string agentId)
    {
        ArgumentNullException.ThrowIfNull(number);
        return number.DestinationType == DestinationType.Agent && number.AgentId == agentId
            ? null
            : $"callbacks to {number.Number} go to {Destination(number)}, not to {agentId}";
    }

    /// <summary>For a campaign: null when callbacks reach an inbound queue or one of the campaign's agents.</summary>
    public static string? ForCampaign(InboundNumber number, string campaign, IReadOnlyCollection<string> campaignAgents)
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(campaignAgents);
        var leadsBack = number.DestinationType == DestinationType.Queue
            || (number.DestinationType == DestinationType.Agent && number.AgentId is { } agent && campaignAgents.Contains(agent));
        return leadsBack ? null : $"callbacks to {number.Number} go to {Destination(number)}, not to campaign {campaign} (its queue or one of its agents)";
    }
}
