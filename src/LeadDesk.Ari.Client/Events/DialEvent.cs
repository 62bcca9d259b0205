using LeadDesk.Ari.Client.Models;

namespace LeadDesk.Ari.Client.Events;

/// <summary>
/// Dial progress. For an originate there is only <see cref="Peer"/> (no caller), and
/// <see cref="Dialstatus"/> goes "" -> RINGING -> ANSWER/BUSY/NOANSWER; an originate timeout sends no final one.
/// </summary>
public sealed record Dial : AriEvent
{
    public Channel? Caller { get; init; }

    public Channel Peer { get; init; } = new();

    public Channel? Forwarded { get; init; }

    public string? Forward { get; init; }

    public string? Dialstring { get; init; }

    public string Dialstatus { get; init; } = "";

    /// <summary>Keyed by the peer: that is the channel whose fate the dial status describes.</summary>
    public override string? ChannelId => string.IsNullOrEmpty(Peer.Id) ? null : Peer.Id;
}
