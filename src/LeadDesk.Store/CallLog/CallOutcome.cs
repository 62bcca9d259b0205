namespace LeadDesk.Store.CallLog;

/// <summary>How a call ended (the outcome tokens of docs/behaviour.md).</summary>
public enum CallOutcome
{
    Answered,
    Busy,
    Voicemail,

    /// <summary>A voicemail too short to keep.</summary>
    VoicemailDiscarded,

    /// <summary>The agent was logged out with no voicemail.</summary>
    Unreachable,
    Queued,
    Custom,
    Unassigned,
    Unknown,

    /// <summary>The caller hung up first.</summary>
    Abandoned,

    /// <summary>The controller could not complete the call.</summary>
    Failed,

    /// <summary>An outbound call the lead did not answer within the ring timeout.</summary>
    NoAnswer,

    /// <summary>An outbound call the controller would not dial (dial policy, no caller ID, no trunk).</summary>
    Refused,

    /// <summary>An outbound call the agent hung up before the lead answered.</summary>
    Cancelled,
}

/// <summary>The tokens the store, the CLI and the logs use for <see cref="CallOutcome"/>.</summary>
public static class CallOutcomes
{
    public static string ToToken(this CallOutcome outcome) => outcome switch
    {
        CallOutcome.Answered => "answered",
        CallOutcome.Busy => "busy",
        CallOutcome.Voicemail => "voicemail",
        CallOutcome.VoicemailDiscarded => "voicemail-discarded",
        CallOutcome.Unreachable => "unreachable",
        CallOutcome.Queued => "queued",
        CallOutcome.Custom => "custom",
        CallOutcome.Unassigned => "unassigned",
        CallOutcome.Unknown => "unknown",
        CallOutcome.Abandoned => "abandoned",
        CallOutcome.Failed => "failed",
        CallOutcome.NoAnswer => "no-answer",
        CallOutcome.Refused => "refused",
        CallOutcome.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static bool TryParse(string? token, out CallOutcome outcome)
    {
        foreach (var candidate in Enum.GetValues<CallOutcome>())
        {
            if (candidate.ToToken() == token)
            {
                outcome = candidate;
                return true;
            }
        }

        outcome = default;
        return false;
    }

    public static CallOutcome Parse(string token) =>
        TryParse(token, out var outcome) ? outcome : throw new FormatException($"'{token}' is not a call outcome.");
}
