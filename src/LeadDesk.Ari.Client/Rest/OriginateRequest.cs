namespace LeadDesk.Ari.Client.Rest;

/// <summary>POST /channels. Give either <see cref="App"/> (the channel enters Stasis on answer) or Context/Extension.</summary>
public sealed record OriginateRequest
{
    /// <summary>Tech/resource, e.g. PJSIP/agent1001.</summary>
    public required string Endpoint { get; init; }

    public string? App { get; init; }

    /// <summary>Comma-separated Stasis arguments, arriving as StasisStart.args.</summary>
    public string? AppArgs { get; init; }

    public string? Extension { get; init; }

    public string? Context { get; init; }

    public int? Priority { get; init; }

    /// <summary>e.g. "\"Name\" &lt;358401234567&gt;".</summary>
    public string? CallerId { get; init; }

    /// <summary>Seconds to ring before giving up (Asterisk: cause 19 / tech_cause 480).</summary>
    public int? Timeout { get; init; }

    /// <summary>Our own id for the new channel, so events can be correlated before the HTTP response arrives.</summary>
    public string? ChannelId { get; init; }

    public string? OtherChannelId { get; init; }

    /// <summary>The channel this call is made for (links codecs and call ids).</summary>
    public string? Originator { get; init; }

    /// <summary>Comma-separated codec names, e.g. "ulaw,alaw".</summary>
    public string? Formats { get; init; }

    /// <summary>Channel variables; sent as the JSON body {"variables":{...}}, the only encoding ARI reads as an object.</summary>
    public IReadOnlyDictionary<string, string>? Variables { get; init; }
}
