namespace LeadDesk.Store.Users;

/// <summary>How a sign-in attempt ended.</summary>
public enum SignInOutcome
{
    SignedIn,

    /// <summary>Unknown name or wrong password; the two are not told apart.</summary>
    Refused,

    /// <summary>Too many failures: no password is checked until the lock ends.</summary>
    LockedOut,
}
