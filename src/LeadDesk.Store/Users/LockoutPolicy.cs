namespace LeadDesk.Store.Users;

/// <summary>
/// When failed sign-ins lock a (name, client address) pair, and for how long. Only that pair is locked: the same
/// name from another address, and other names from that address, still sign in. The lock always ends by itself;
/// each further lock of the same pair lasts twice as long as the one before, up to <paramref name="MaxDuration"/>.
/// </summary>
/// <param name="MaxFailures">Failures in a row from one address for one name that lock the pair (default 5).</param>
/// <param name="Duration">How long the first lock lasts (default 5 minutes).</param>
/// <param name="MaxDuration">The longest a repeated lock grows to (default 1 hour).</param>
public sealed record LockoutPolicy(int MaxFailures, TimeSpan Duration, TimeSpan MaxDuration)
{
    public LockoutPolicy(int maxFailures, TimeSpan duration)
        : this(maxFailures, duration, duration > TimeSpan.FromHours(1) ? duration : TimeSpan.FromHours(1))
    {
    }

    public static LockoutPolicy Default { get; } = new(5, TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));

    /// <summary>How long the lock lasts that follows <paramref name="earlierLocks"/> earlier locks of the same pair.</summary>
    public TimeSpan LockFor(long earlierLocks)
    {
        var lockFor = Duration;
        for (var i = 0; i < earlierLocks && lockFor < MaxDuration; i++)
        {
            lockFor += lockFor;
        }

        return lockFor < MaxDuration ? lockFor : MaxDuration;
    }
}
