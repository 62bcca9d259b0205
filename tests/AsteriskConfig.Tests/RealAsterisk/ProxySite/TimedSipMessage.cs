namespace AsteriskConfig.Tests.RealAsterisk.ProxySite;

/// <summary>One message of a SIPp message trace with the time SIPp sent or received it (the machine's clock, in µs).</summary>
internal sealed record TimedSipMessage(DateTime At, SipMessage Message)
{
    /// <summary>
    /// The messages of a <c>-trace_msg</c> file: each after a line of dashes and a local time stamp
    /// (<c>----- 2026-01-02 10:11:12.345678</c>), then "UDP message received/sent" and the message.
    /// </summary>
    public static IReadOnlyList<TimedSipMessage> Read(string path) =>
        SipMessage.ReadTimedTrace(path).Where(m => m.At is not null).Select(m => new TimedSipMessage(m.At!.Value, m.Message)).ToList();
}
