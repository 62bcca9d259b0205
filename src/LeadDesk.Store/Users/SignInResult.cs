namespace LeadDesk.Store.Users;

/// <summary>The outcome of <see cref="UserDirectory.SignInAsync(string, string, string, CancellationToken)"/>.</summary>
/// <param name="User">The signed-in user, for <see cref="SignInOutcome.SignedIn"/> only.</param>
/// <param name="LockedUntil">For <see cref="SignInOutcome.LockedOut"/>: when sign-ins are accepted again.</param>
public sealed record SignInResult(SignInOutcome Outcome, WebUser? User, DateTimeOffset? LockedUntil);
