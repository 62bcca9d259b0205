using LeadDesk.Ari.Client.Models;

namespace LeadDesk.Ari.Client.Events;

/// <summary>Base for events that carry the snapshot of the channel they are about.</summary>
public abstract record ChannelEvent : AriEvent
{
    public Channel Channel { get; init; } = new();

    public override string? ChannelId => string.IsNullOrEmpty(Channel.Id) ? null : Channel.Id;
}

/// <summary>A channel entered our Stasis application. <see cref="Args"/> are the Stasis() / appArgs arguments.</summary>
public sealed record StasisStart : ChannelEvent
{
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Set when this channel replaced another one in Stasis (masquerade).</summary>
    public Channel? ReplaceChannel { get; init; }
}

/// <summary>The channel left our application (hangup, or /continue into the dialplan).</summary>
public sealed record StasisEnd : ChannelEvent;

public sealed record ChannelStateChange : ChannelEvent;

/// <summary>
/// Only sent for channels still subscribed when they die: originated ones, or ones subscribed explicitly.
/// A dialplan channel that left Stasis on hangup gets StasisEnd and no ChannelDestroyed.
/// </summary>
public sealed record ChannelDestroyed : ChannelEvent
{
    /// <summary>Q.850 cause: 16 normal, 17 busy, 18 no user responding, 19 no answer.</summary>
    public int Cause { get; init; }

    public string CauseTxt { get; init; } = "";

    /// <summary>The SIP status behind the cause (486, 480, 408); absent when there was none.</summary>
    public int? TechCause { get; init; }
}

public sealed record ChannelHangupRequest : ChannelEvent
{
    /// <summary>Absent on a remote BYE. 32 on an app DELETE is Asterisk's soft-hangup flag, not Q.850.</summary>
    public int? Cause { get; init; }

    public int? TechCause { get; init; }

    public bool? Soft { get; init; }
}

public sealed record ChannelDtmfReceived : ChannelEvent
{
    public string Digit { get; init; } = "";

    public int DurationMs { get; init; }
}

public sealed record ChannelEnteredBridge : ChannelEvent
{
    public Bridge Bridge { get; init; } = new();
}

public sealed record ChannelLeftBridge : ChannelEvent
{
    public Bridge Bridge { get; init; } = new();
}

public sealed record ChannelVarset : ChannelEvent
{
    public string Variable { get; init; } = "";

    public string Value { get; init; } = "";

    // Global variable changes have no channel; the base already maps that to null.
}

public sealed record ChannelDialplan : ChannelEvent
{
    public string DialplanApp { get; init; } = "";

    public string DialplanAppData { get; init; } = "";
}

public sealed record ChannelConnectedLine : ChannelEvent;
