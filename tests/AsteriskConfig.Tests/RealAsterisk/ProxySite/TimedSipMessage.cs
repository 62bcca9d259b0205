using System.Globalization;

namespace AsteriskConfig.Tests.RealAsterisk.ProxySite;

/// <summary>One message of a SIPp message trace with the time SIPp sent or received it (the machine's clock, in µs).</summary>
internal sealed record TimedSipMessage(DateTime At, SipMessage Message)
{
    /// <summary>
    /// The messages of a <c>-trace_msg</c> file: each after a line of dashes and a local time stamp
    /// (<c>----- 2026-01-02 10:11:12.345678</c>), then "UDP message received/sent" and the message.
    /// </summary>
    public static IReadOnlyList<TimedSipMessage> Read(string path)
    {
        var messages = new List<TimedSipMessage>();
        if (!File.Exists(path))
        {
            return messages;
        }

        DateTime? at = null;
        bool? received = null;
        string? start = null;
        var headers = new List<KeyValuePair<string, string>>();
        var inBody = false;

        void Flush()
        {
            if (at is { } t && received is { } r && start is not null)
            {
                messages.Add(new TimedSipMessage(t, new SipMessage(r, start, [.. headers])));
            }

            at = null;
            received = null;
            start = null;
            headers = [];
            inBody = false;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("-----------", StringComparison.Ordinal))
            {
                Flush();
                var stamp = line.TrimStart('-').Trim();
                if (DateTime.TryParseExact(stamp, "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    at = parsed;
                }

                continue;
            }

            if (received is null)
            {
                if (line.Contains(" message received", StringComparison.Ordinal)) received = true;
                else if (line.Contains(" message sent", StringComparison.Ordinal)) received = false;
                continue;
            }

            if (start is null)
            {
                if (line.Length > 0) start = line.Trim();
                continue;
            }

            if (inBody) continue;
            if (line.Length == 0)
            {
                inBody = true;
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        Flush();
        return messages;
    }
}
