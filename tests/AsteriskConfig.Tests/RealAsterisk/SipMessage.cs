namespace AsteriskConfig.Tests.RealAsterisk;

/// <summary>One SIP message of a SIPp message trace, as it went over the wire.</summary>
internal sealed record SipMessage(bool Received, string StartLine, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>The method of a request (<c>INVITE</c>, <c>UPDATE</c>, ...); null for a response.</summary>
    public string? Method => StartLine.StartsWith("SIP/", StringComparison.Ordinal) ? null : StartLine.Split(' ')[0];

    /// <summary>The values of every header named <paramref name="name"/> (or its compact form, RFC 3261 7.3.3).</summary>
    public IEnumerable<string> Header(string name, string? compact = null) =>
        Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase) || (compact is not null && h.Key.Equals(compact, StringComparison.OrdinalIgnoreCase)))
            .Select(h => h.Value);

    /// <summary>The header lines that present an identity to the far end: From, P-Asserted-Identity, Remote-Party-ID.</summary>
    public IEnumerable<string> IdentityLines() =>
        Headers.Where(h => h.Key.Equals("From", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("f", StringComparison.Ordinal)
                || h.Key.Equals("P-Asserted-Identity", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("Remote-Party-ID", StringComparison.OrdinalIgnoreCase))
            .Select(h => $"{h.Key}: {h.Value}");

    /// <summary>
    /// The messages of a file SIPp wrote with <c>-trace_msg</c>: each one after a dashed time-stamp line and a
    /// "UDP message received [N] bytes :" or "UDP message sent (N bytes):" line.
    /// </summary>
    public static IReadOnlyList<SipMessage> ReadTrace(string path) => ReadTimedTrace(path).Select(m => m.Message).ToList();

    /// <summary>
    /// <see cref="ReadTrace"/> with the time each message was sent or received: the dashed line's local time stamp
    /// (<c>----- 2026-01-02 10:11:12.345678</c>), null where it has none. The file may still be written by SIPp.
    /// </summary>
    public static IReadOnlyList<(DateTime? At, SipMessage Message)> ReadTimedTrace(string path)
    {
        var messages = new List<(DateTime?, SipMessage)>();
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
            if (received is { } r && start is not null)
            {
                messages.Add((at, new SipMessage(r, start, [.. headers])));
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
                if (DateTime.TryParseExact(stamp, "yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
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
