namespace LeadDesk.Store.Voicemail;

/// <summary>Where a voicemail is on its way to the agent's mailbox.</summary>
public enum VoicemailState
{
    /// <summary>Waiting for its first or next attempt.</summary>
    Pending,

    /// <summary>The mail server accepted it.</summary>
    Sent,

    /// <summary>The mail server refused it for good (5xx); <c>voicemail resend</c> queues it again.</summary>
    Failed,
}

/// <summary>The tokens the store and the CLI use for <see cref="VoicemailState"/>.</summary>
public static class VoicemailStates
{
    public static string ToToken(this VoicemailState state) => state switch
    {
        VoicemailState.Pending => "pending",
        VoicemailState.Sent => "sent",
        VoicemailState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static VoicemailState Parse(string token) => token switch
    {
        "pending" => VoicemailState.Pending,
        "sent" => VoicemailState.Sent,
        "failed" => VoicemailState.Failed,
        _ => throw new FormatException($"'{token}' is not a voicemail state."),
    };
}
