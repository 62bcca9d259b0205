namespace LeadDesk.Store.CallLog;

/// <summary>One write to the call log, for <see cref="CallLogStore.WriteBatchAsync"/>.</summary>
public abstract record CallLogWrite
{
    private CallLogWrite()
    {
    }

    /// <summary>Opens a call's row; its result is the new row id.</summary>
    /// <param name="LeadNumber">For an outbound call: the lead's E.164 number (null when the dialled string was no number).</param>
    /// <param name="CallerIdUsed">For an outbound call: the caller ID presented to the lead, once chosen.</param>
    public sealed record Start(
        string ChannelId,
        DateTimeOffset StartedAt,
        string DialledNumber,
        string CallerNumber,
        string? CallerName,
        CallDirection Direction = CallDirection.Inbound,
        string? LeadNumber = null,
        string? CallerIdUsed = null) : CallLogWrite;

    /// <summary>Completes row <paramref name="Id"/> with how the call ended.</summary>
    /// <param name="OnlyIfOpen">
    /// For a guess (reconciliation closing a row nobody follows): it must never overwrite an outcome the call's
    /// own flow has written, which may be committed a moment later than the guess is made.
    /// </param>
    public sealed record Complete(long Id, CallOutcome Outcome, CallCompletion Completion, bool OnlyIfOpen = false) : CallLogWrite;
}
