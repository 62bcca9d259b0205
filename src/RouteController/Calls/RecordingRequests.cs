using LeadDesk.Ari.Client.Rest;

namespace LeadDesk.RouteController.Calls;

/// <summary>The one way the controller records a caller (a voicemail message, an agent's greeting).</summary>
internal static class RecordingRequests
{
    /// <summary>
    /// A WAV recording that <c>#</c>, <paramref name="maxSilenceSeconds"/> of silence or <paramref name="maxSeconds"/>
    /// end. No beep from Asterisk: the flows play their own prompt and beep first, so the caller knows when to talk.
    /// </summary>
    public static RecordRequest Wav(string name, int maxSeconds, int maxSilenceSeconds) => new()
    {
        Name = name,
        Format = "wav",
        MaxDurationSeconds = maxSeconds,
        MaxSilenceSeconds = maxSilenceSeconds,
        TerminateOn = "#",
        IfExists = "overwrite",
        Beep = false,
    };
}
