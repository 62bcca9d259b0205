namespace LeadDesk.RouteController.Calls;

/// <summary>
/// Why a channel ended, as Asterisk reports it: a Q.850 cause and, when SIP gave one, the SIP status behind it.
/// </summary>
public readonly record struct HangupCause(int Code, int? TechCause = null)
{
    public const int Unallocated = 1;
    public const int NormalClearing = 16;
    public const int UserBusy = 17;
    public const int NoUserResponding = 18;
    public const int NoAnswer = 19;
    public const int SubscriberAbsent = 20;
    public const int CallRejected = 21;

    public override string ToString() => TechCause is { } tech ? $"{Code}/{tech}" : Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What became of a leg we originated towards an agent's phone before anyone answered.</summary>
public enum LegFailure
{
    /// <summary>486 Busy Here (cause 17).</summary>
    Busy,

    /// <summary>Rang until the timeout (cause 19 / 480).</summary>
    NoAnswer,

    /// <summary>No SIP answer at all, no contact registered, or absent (18 / 20 / 408 / "Allocation failed").</summary>
    Unreachable,

    /// <summary>The agent declined (cause 21, 603).</summary>
    Rejected,

    /// <summary>Anything else: the network or Asterisk failed the leg.</summary>
    Failed,
}

public static class LegFailureClassifier
{
    /// <summary>
    /// Reads a ChannelDestroyed of an unanswered leg. As recorded from Asterisk 22: busy is 17/486, ringing until the
    /// originate timeout is 19/480, an unreachable contact is 19/480 before Timer B and 18/408 after it.
    /// </summary>
    public static LegFailure Classify(HangupCause cause) => (cause.Code, cause.TechCause) switch
    {
        (HangupCause.UserBusy, _) or (_, 486) or (_, 600) => LegFailure.Busy,
        (HangupCause.CallRejected, _) or (_, 603) => LegFailure.Rejected,
        (HangupCause.NoUserResponding, _) or (HangupCause.SubscriberAbsent, _) or (_, 408) => LegFailure.Unreachable,
        (HangupCause.NoAnswer, _) or (_, 480) or (HangupCause.NormalClearing, _) => LegFailure.NoAnswer,
        _ => LegFailure.Failed,
    };
}
