namespace LeadDesk.RouteController.Routing;

/// <summary>The <c>Routing</c> configuration section: how long things ring and sound.</summary>
public sealed class RoutingOptions
{
    public const string SectionName = "Routing";

    /// <summary>Region for national-form numbers (<c>0401234567</c>) from the carrier.</summary>
    /// <value>Default: <c>FI</c>.</value>
    public string DefaultRegion { get; set; } = "FI";

    /// <summary>How long an agent's phone rings before the caller gets the busy treatment.</summary>
    /// <value>Default: <c>25</c>.</value>
    public double RingTimeoutSeconds { get; set; } = 25;

    /// <summary>
    /// How long the agent who called a lead rings when the lead calls back (a number with a callback window) before
    /// the call goes on to the number's own route.
    /// </summary>
    /// <value>Default: <c>20</c>.</value>
    public double CallbackRingSeconds { get; set; } = 20;

    /// <summary>How long the busy tone plays as early media before the 486.</summary>
    /// <value>Default: <c>5</c>.</value>
    public double BusyToneSeconds { get; set; } = 5;

    /// <summary>Upper bound for the not-in-service announcement; it normally ends on its own first.</summary>
    /// <value>Default: <c>12</c>.</value>
    public double NotInServiceSeconds { get; set; } = 12;

    /// <summary>
    /// PJSIP endpoint of the carrier trunk that agents' outbound calls and custom destinations with external numbers
    /// go out through (asterisk-config/pjsip.conf). Empty refuses every outbound call.
    /// </summary>
    /// <value>Default: <c>carrier</c>.</value>
    public string? OutboundTrunk { get; set; } = "carrier";

    internal TimeSpan RingTimeout => TimeSpan.FromSeconds(RingTimeoutSeconds);

    internal TimeSpan CallbackRing => TimeSpan.FromSeconds(CallbackRingSeconds);

    internal TimeSpan BusyTone => TimeSpan.FromSeconds(BusyToneSeconds);

    internal TimeSpan NotInService => TimeSpan.FromSeconds(NotInServiceSeconds);
}
