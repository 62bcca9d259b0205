namespace LeadDesk.Store.CallLog;

/// <summary>Who started a call: a carrier's caller (inbound) or one of our agents dialling a lead (outbound).</summary>
public enum CallDirection
{
    Inbound,
    Outbound,
}

/// <summary>The tokens of <see cref="CallDirection"/> in the store and the CLI.</summary>
public static class CallDirections
{
    public static string ToToken(this CallDirection direction) => direction == CallDirection.Outbound ? "outbound" : "inbound";

    public static bool TryParse(string? token, out CallDirection direction)
    {
        switch (token?.Trim().ToLowerInvariant())
        {
            case "inbound":
                direction = CallDirection.Inbound;
                return true;
            case "outbound":
                direction = CallDirection.Outbound;
                return true;
            default:
                direction = default;
                return false;
        }
    }
}
