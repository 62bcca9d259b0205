namespace LeadDesk.Ari.Client.Rest;

/// <summary>
/// Reasons ARI accepts on DELETE /channels/{id}. On an unanswered inbound channel the reason
/// becomes the SIP response the carrier sees (busy = 486, unallocated = 404, ...).
/// </summary>
public enum HangupReason
{
    Normal,
    Busy,
    Congestion,
    NoAnswer,
    Timeout,
    Rejected,
    Unallocated,
    NormalUnspecified,
    NumberIncomplete,
    CodecMismatch,
    Interworking,
    Failure,
    AnsweredElsewhere,
}

public static class HangupReasonExtensions
{
    /// <summary>The token ARI expects in ?reason=.</summary>
    public static string ToAriToken(this HangupReason reason) => reason switch
    {
        HangupReason.Normal => "normal",
        HangupReason.Busy => "busy",
        HangupReason.Congestion => "congestion",
        HangupReason.NoAnswer => "no_answer",
        HangupReason.Timeout => "timeout",
        HangupReason.Rejected => "rejected",
        HangupReason.Unallocated => "unallocated",
        HangupReason.NormalUnspecified => "normal_unspecified",
        HangupReason.NumberIncomplete => "number_incomplete",
        HangupReason.CodecMismatch => "codec_mismatch",
        HangupReason.Interworking => "interworking",
        HangupReason.Failure => "failure",
        HangupReason.AnsweredElsewhere => "answered_elsewhere",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not an ARI hangup reason."),
    };
}
