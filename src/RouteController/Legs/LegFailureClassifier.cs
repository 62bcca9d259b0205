using LeadDesk.RouteController.Calls;

namespace LeadDesk.RouteController.Legs;

/// <summary>Tells from an unanswered leg's hang-up cause what became of it.</summary>
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
