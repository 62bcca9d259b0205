namespace LeadDesk.RouteController.Outbound;

/// <summary>
/// The <c>Outbound</c> configuration section: agents calling leads. What is the company's to decide (the default
/// caller ID, the allowed regions) lives in the store instead, so every controller and the CLI agree.
/// </summary>
public sealed class OutboundOptions
{
    public const string SectionName = "Outbound";

    /// <summary>How long a lead's phone rings before the agent hears a tone and the call ends; default 45 s.</summary>
    public double RingTimeoutSeconds { get; set; } = 45;

    /// <summary>How long the agent hears a refusal, busy or failure before the call ends; default 4 s.</summary>
    public double ToneSeconds { get; set; } = 4;

    internal TimeSpan RingTimeout => TimeSpan.FromSeconds(RingTimeoutSeconds);

    internal TimeSpan Tone => TimeSpan.FromSeconds(ToneSeconds);

    /// <summary>Refuses nonsense at start rather than on the first call.</summary>
    internal void Validate()
    {
        if (!(RingTimeoutSeconds is >= 1 and <= 600))
        {
            throw new InvalidOperationException($"Outbound:RingTimeoutSeconds must be between 1 and 600 (is {RingTimeoutSeconds}).");
        }

        if (!(ToneSeconds is > 0 and <= 60))
        {
            throw new InvalidOperationException($"Outbound:ToneSeconds must be more than 0 and at most 60 (is {ToneSeconds}).");
        }
    }
}
