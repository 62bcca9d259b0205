namespace LeadDesk.RouteController.Legs;

/// <summary>How ringing a destination for a caller ended.</summary>
internal abstract record ConnectResult
{
    /// <summary>Answered and bridged; the conversation has ended by the time this is returned.</summary>
    public sealed record Talked(DateTimeOffset AnsweredAt) : ConnectResult;

    /// <summary>The destination could not take the call; the caller is still there and unanswered.</summary>
    public sealed record NotConnected(LegFailure Failure) : ConnectResult;

    /// <summary>The caller hung up before the destination answered.</summary>
    public sealed record Abandoned : ConnectResult;
}
