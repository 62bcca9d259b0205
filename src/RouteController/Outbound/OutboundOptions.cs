namespace LeadDesk.RouteController.Outbound;

/// <summary>
/// The <c>Outbound</c> configuration section: agents calling leads. What is the company's to decide (the default
/// caller ID, the allowed regions) lives in the store instead, so every controller and the CLI agree.
/// </summary>
public sealed class OutboundOptions
{
    public const string SectionName = "Outbound";

    /// <summary>How long a lead's phone rings before the agent hears a tone and the call ends, in seconds (1 to 600).</summary>
    /// <value>Default: <c>45</c>.</value>
    public double RingTimeoutSeconds { get; set; } = 45;

    /// <summary>How long the agent hears a refusal, busy or failure before the call ends, in seconds (more than 0, at most 60).</summary>
    /// <value>Default: <c>4</c>.</value>
    public double ToneSeconds { get; set; } = 4;

    internal TimeSpan RingTimeout => TimeSpan.FromSeconds(RingTimeoutSeconds);

    internal TimeSpan Tone => TimeSpan.FromSeconds(ToneSeconds);
}
