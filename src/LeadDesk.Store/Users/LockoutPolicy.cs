namespace LeadDesk.Store.Users;

/// <summary>
/// When failed sign-ins lock an account, and for how long. The lock always ends by itself: a sign-in storm must
/// never lock the only admin out for good.
/// </summary>
/// <param name="MaxFailures">Failures in a row that lock the account (default 5).</param>
/// <param name="Duration">How long the lock lasts (default 5 minutes).</param>
public sealed record LockoutPolicy(int MaxFailures, TimeSpan Duration)
{
    public static LockoutPolicy Default { get; } = new(5, TimeSpan.FromMinutes(5));
}
