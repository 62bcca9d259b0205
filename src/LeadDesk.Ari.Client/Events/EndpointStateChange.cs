using LeadDesk.Ari.Client.Models;

namespace LeadDesk.Ari.Client.Events;

/// <summary>
/// An endpoint the application subscribed to (<c>endpoint:PJSIP/1001</c>) changed: its state (online, offline) or
/// its channels. Asterisk publishes a new endpoint snapshot, and so this event, whenever a channel is added to or
/// removed from the endpoint, so <see cref="Endpoint.ChannelIds"/> says at every moment whether the phone is in use.
/// </summary>
public sealed record EndpointStateChange : AriEvent
{
    public Endpoint Endpoint { get; init; } = new();
}
