namespace LeadDesk.RouteController.Voicemail;

/// <summary>Section <c>Voicemail</c>: the call (lengths, prompts) and the outbox sender (polling, retries).</summary>
public sealed class VoicemailOptions
{
    public const string SectionName = "Voicemail";

    /// <summary>Longest message; Asterisk ends the recording there.</summary>
    /// <value>Default: <c>120</c>.</value>
    public int MaxSeconds { get; set; } = 120;

    /// <summary>Shorter messages (measured from the WAV) are discarded: a caller who hung up at the beep.</summary>
    /// <value>Default: <c>1</c>.</value>
    public double MinSeconds { get; set; } = 1;

    /// <summary>Silence that ends the recording.</summary>
    /// <value>Default: <c>5</c>.</value>
    public int MaxSilenceSeconds { get; set; } = 5;

    /// <summary>Played when the agent has recorded no greeting of their own (Asterisk's stock prompt).</summary>
    /// <value>Default: <c>sound:vm-intro</c>.</value>
    public string DefaultGreeting { get; set; } = "sound:vm-intro";

    /// <value>Default: <c>sound:beep</c>.</value>
    public string Beep { get; set; } = "sound:beep";

    /// <value>Default: <c>sound:vm-goodbye</c>.</value>
    public string Goodbye { get; set; } = "sound:vm-goodbye";

    /// <summary>
    /// The IANA zone the mail states the time in; empty: the host's zone.
    /// </summary>
    /// <value>Default: <c>Europe/Helsinki</c>.</value>
    public string? TimeZone { get; set; } = "Europe/Helsinki";

    /// <summary>How often the sender looks for due messages when nothing wakes it.</summary>
    /// <value>Default: <c>1 s</c>.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait before the 2nd attempt; doubles per attempt up to <see cref="RetryMaxDelay"/>, with jitter.</summary>
    /// <value>Default: <c>5 s</c>.</value>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <value>Default: <c>5 min</c>.</value>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    public TimeZoneInfo ResolveTimeZone() =>
        string.IsNullOrWhiteSpace(TimeZone) ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
