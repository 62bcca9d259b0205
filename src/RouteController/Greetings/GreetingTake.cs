using LeadDesk.RouteController.Calls;

namespace LeadDesk.RouteController.Greetings;

/// <summary>What becomes of a greeting take once its recording is over.</summary>
public enum GreetingTakeFate
{
    /// <summary>A whole take: the agent reviews it and may press <c>1</c> to keep it.</summary>
    Review,

    /// <summary>Not offered for keeping (the agent hung up on it, or it ended unreported): deleted with the call.</summary>
    Discard,

    /// <summary>Not offered for keeping, and Asterisk never reported it finished although it was stopped: said in the log.</summary>
    DiscardUnfinished,

    /// <summary>Cut short by our shutdown: not worth keeping, so the live recording is cancelled, not stopped.</summary>
    Cancel,

    /// <summary>Asterisk could not record: the call fails, the previous greeting stays.</summary>
    Failed,
}

/// <summary>The keep-or-discard rules of a greeting take, decided without Asterisk.</summary>
internal static class GreetingTake
{
    /// <summary>What to do with a draft whose recording ended so.</summary>
    public static GreetingTakeFate After(RecordingEnd end) => end switch
    {
        RecordingEnd.Finished finished => finished.CallerLeft ? GreetingTakeFate.Discard : GreetingTakeFate.Review,
        RecordingEnd.Failed => GreetingTakeFate.Failed,
        RecordingEnd.Draining => GreetingTakeFate.Cancel,
        RecordingEnd.Unreported { Stopped: true } => GreetingTakeFate.DiscardUnfinished,
        _ => GreetingTakeFate.Discard,
    };
}
