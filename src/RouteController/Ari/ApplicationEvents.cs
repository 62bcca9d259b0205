namespace LeadDesk.RouteController.Ari;

/// <summary>
/// The event types the controller reads, set as the application's event filter at every connect
/// (<c>PUT /applications/leaddesk/eventFilter</c>). Everything else Asterisk would send (ChannelVarset alone is most
/// of a queue call's events, ari-transcripts/g) never reaches the websocket: less for Asterisk to send, nothing for
/// us to parse. A flow that starts reading another type adds it here.
/// </summary>
internal static class ApplicationEvents
{
    public static readonly IReadOnlyList<string> Read =
    [
        "StasisStart",
        "StasisEnd",
        "ChannelHangupRequest",
        "ChannelDestroyed",
        "ChannelStateChange",
        "ChannelDtmfReceived",
        "Dial",
        "PlaybackFinished",
        "RecordingFinished",
        "RecordingFailed",
        "DeviceStateChanged",
        "ApplicationReplaced",
    ];
}
