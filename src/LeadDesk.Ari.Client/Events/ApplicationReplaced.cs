namespace LeadDesk.Ari.Client.Events;

/// <summary>
/// Another websocket registered our application name and took over: this process no longer gets events.
/// Almost always a second controller instance or a misconfiguration.
/// </summary>
public sealed record ApplicationReplaced : AriEvent;
