namespace LeadDesk.Ari.Client.Events;

/// <summary>
/// An event type this library does not model. It is still delivered (see <see cref="AriEvent.RawJson"/>),
/// and still ordered with its channel's other events when it names one.
/// </summary>
public sealed record UnknownAriEvent : AriEvent
{
    internal string? PeekedChannelId { get; init; }

    public override string? ChannelId => PeekedChannelId;
}
