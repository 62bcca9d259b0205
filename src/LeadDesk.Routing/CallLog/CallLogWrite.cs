namespace LeadDesk.Routing;

/// <summary>One write to the call log, for <see cref="CallLogStore.WriteBatchAsync"/>.</summary>
public abstract record CallLogWrite
{
    private CallLogWrite()
    {
    }

    /// <summary>Opens a call's row; its result is the new row id.</summary>
    public sealed record Start(string ChannelId, DateTimeOffset StartedAt, string DialledNumber, string CallerNumber, string? CallerName) : CallLogWrite;

    /// <summary>Completes row <paramref name="Id"/> with how the call ended.</summary>
    public sealed record Complete(long Id, CallOutcome Outcome, CallCompletion Completion) : CallLogWrite;
}
