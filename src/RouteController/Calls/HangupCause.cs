namespace LeadDesk.RouteController.Calls;

/// <summary>
/// Why a channel ended, as Asterisk reports it: a Q.850 cause and, when SIP gave one, the SIP status behind it.
/// </summary>
public readonly record struct HangupCause(int Code, int? TechCause = null)
{
    public const int Unallocated = 1;
    public const int NormalClearing = 16;
    public const int UserBusy = 17;
    public const int NoUserResponding = 18;
    public const int NoAnswer = 19;
    public const int SubscriberAbsent = 20;
    public const int CallRejected = 21;

    public override string ToString() => TechCause is { } tech ? $"{Code}/{tech}" : Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
