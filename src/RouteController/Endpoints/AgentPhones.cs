using LeadDesk.RouteController.Agents;

namespace LeadDesk.RouteController.Endpoints;

/// <summary>What this Asterisk can tell about an agent's phone before a call rings it.</summary>
internal enum AgentPhoneState
{
    /// <summary>Nothing here stops the call from ringing it.</summary>
    Free,

    /// <summary>A channel is on the phone's endpoint: a call we do not drive (an outbound dial, a queue call).</summary>
    OnCall,

    /// <summary>Dialled on this Asterisk, which has no such endpoint: the phone cannot be rung.</summary>
    UnknownToAsterisk,
}

/// <summary>
/// This Asterisk's view of an agent's phone, read the way <c>Agents:DialString</c> makes it mean something. With
/// <c>PJSIP/{extension}</c> the endpoint here is the phone: unknown is unreachable, channels are a call. Through a SIP
/// proxy the phone registers elsewhere and the endpoint here (if any) only identifies its outbound calls: unknown
/// says nothing, and the agent claims decide who is busy; a channel seen on it still is a call.
/// </summary>
internal sealed class AgentPhones(EndpointMonitor endpoints, AgentDialString dialString)
{
    public async ValueTask<AgentPhoneState> StateAsync(string extension, CancellationToken ct)
    {
        var endpoint = AgentDialString.LocalEndpoint(extension);
        if (!dialString.RingsLocalEndpoint)
        {
            // Only what is followed already: asking per call would put a request (answered 404 wherever phones are
            // not provisioned here) between the decision and every agent's originate.
            return endpoints.FollowedBusy(endpoint) is true ? AgentPhoneState.OnCall : AgentPhoneState.Free;
        }

        return await endpoints.IsBusyAsync(endpoint, ct).ConfigureAwait(false) switch
        {
            null => AgentPhoneState.UnknownToAsterisk,
            true => AgentPhoneState.OnCall,
            false => AgentPhoneState.Free,
        };
    }
}
