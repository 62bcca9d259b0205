using LeadDesk.Ari.Client.Rest;
using LeadDesk.RouteController.Treatments;

namespace LeadDesk.RouteController.Outbound;

/// <summary>
/// What an agent whose outbound call cannot go on hears: early media on their own unanswered channel, then the
/// hang-up. Without early media (an Asterisk without <c>progress</c>) the cause alone tells the phone.
/// </summary>
internal static class AgentTreatments
{
    /// <summary>Stock Asterisk prompt: "your call cannot be completed as dialed, please check the number and dial again".</summary>
    public const string RefusedMedia = "sound:cannot-complete-as-dialed";

    /// <summary>The dial policy refused the number.</summary>
    public static CallerTreatment Refused(bool canProgress, OutboundOptions options) =>
        Early(canProgress, RefusedMedia, options, HangupReason.Rejected);

    /// <summary>The lead is busy.</summary>
    public static CallerTreatment Busy(bool canProgress, OutboundOptions options) =>
        Early(canProgress, CallerTreatment.BusyMedia, options, HangupReason.Busy);

    /// <summary>No answer, a failure, no caller ID, no trunk, or an unknown phone: a fast busy.</summary>
    public static CallerTreatment Failure(bool canProgress, OutboundOptions options) =>
        Early(canProgress, CallerTreatment.CongestionMedia, options, HangupReason.Congestion);

    /// <summary>The treatment for <paramref name="tone"/>.</summary>
    public static CallerTreatment For(AgentTone tone, bool canProgress, OutboundOptions options) => tone switch
    {
        AgentTone.Refused => Refused(canProgress, options),
        AgentTone.Busy => Busy(canProgress, options),
        _ => Failure(canProgress, options),
    };

    private static CallerTreatment Early(bool canProgress, string media, OutboundOptions options, HangupReason then) =>
        canProgress ? new CallerTreatment.EarlyMedia(media, options.Tone, then) : new CallerTreatment.Reject(then);
}
