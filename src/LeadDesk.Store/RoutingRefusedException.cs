namespace LeadDesk.Store;

/// <summary>
/// The input was bad or conflicts with what is stored; nothing was changed. Its message is one line meant for
/// the admin who typed the command (it names the offending entry), so callers can show it as is.
/// </summary>
public sealed class RoutingRefusedException : Exception
{
    public RoutingRefusedException(string message)
        : base(message)
    {
    }

    public RoutingRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RoutingRefusedException()
    {
    }
}
