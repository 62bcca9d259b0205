using LeadDesk.Ari.Client.Rest;
using LeadDesk.RouteController.Routing;

namespace LeadDesk.RouteController.Treatments;

/// <summary>
/// How an unanswered caller is sent away: rejected with a cause their network turns into its own announcement,
/// or told in-band with early media (183, never answered, so never charged) and then released.
/// </summary>
internal abstract record CallerTreatment
{
    /// <summary>Release at once; the reason becomes the SIP response (unallocated: 404, busy: 486).</summary>
    public sealed record Reject(HangupReason Reason) : CallerTreatment;

    /// <summary>
    /// Send 183 and play <paramref name="Media"/> until it ends by itself (announcements) or for at most
    /// <paramref name="Duration"/> (tones never end), then release with <paramref name="Then"/>.
    /// </summary>
    public sealed record EarlyMedia(string Media, TimeSpan Duration, HangupReason Then) : CallerTreatment;

    /// <summary>Stock Asterisk prompt: the special-information tone and "the number you have dialed is not in service".</summary>
    public const string NotInServiceMedia = "sound:ss-noservice";

    public const string BusyMedia = "tone:busy";

    public const string CongestionMedia = "tone:congestion";

    private static readonly TimeSpan CongestionDuration = TimeSpan.FromSeconds(3);

    /// <summary>The number is ours but leads nowhere. Without early media the carrier plays its own announcement.</summary>
    public static CallerTreatment NotInService(bool canProgress, RoutingOptions options) =>
        canProgress ? new EarlyMedia(NotInServiceMedia, options.NotInService, HangupReason.Unallocated) : new Reject(HangupReason.Unallocated);

    /// <summary>The agent can't take the call: busy tone, then 486.</summary>
    public static CallerTreatment Busy(bool canProgress, RoutingOptions options) =>
        canProgress ? new EarlyMedia(BusyMedia, options.BusyTone, HangupReason.Busy) : new Reject(HangupReason.Busy);

    /// <summary>We failed: a fast-busy so the caller knows to try again, never silence.</summary>
    public static CallerTreatment Failure(bool canProgress) =>
        canProgress ? new EarlyMedia(CongestionMedia, CongestionDuration, HangupReason.Congestion) : new Reject(HangupReason.Congestion);
}
