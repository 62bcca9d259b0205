namespace LeadDesk.Store.Outbound;

/// <summary>Why the dial policy refused a number an agent dialled.</summary>
public enum DialRefusal
{
    /// <summary>Not a phone number: letters, <c>#</c>, separators, too many digits, or no valid number.</summary>
    NotANumber,

    /// <summary>A premium-rate number (libphonenumber's PREMIUM_RATE): the toll-fraud target.</summary>
    PremiumRate,

    /// <summary>A shared-cost number (SHARED_COST).</summary>
    SharedCost,

    /// <summary>A valid number of a region outside the allowed list.</summary>
    RegionNotAllowed,
}
